using System.Collections.Frozen;
using Granary.Tokenization.Templates.Filters;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.JinjaTests;

/// <summary>
/// All of Jinja's built-in tests with their Python semantics, e.g. <c>number</c> accepts booleans (bool is an
/// int in Python) while <c>integer</c> does not, and Undefined counts as iterable, sequence and callable.
/// </summary>
internal static class TestTable
{
    private static readonly FrozenDictionary<string, TestFunction> Tests = Build();

    public static bool TryGet(string name, out TestFunction test) => Tests.TryGetValue(name, out test!);

    private static FrozenDictionary<string, TestFunction> Build()
    {
        var tests = new Dictionary<string, TestFunction>(StringComparer.Ordinal)
        {
            ["defined"] = Unary("defined", v => v is not Undefined),
            ["undefined"] = Unary("undefined", v => v is Undefined),
            ["none"] = Unary("none", v => v is null),
            ["boolean"] = Unary("boolean", v => v is bool),
            ["true"] = Unary("true", v => v is true),
            ["false"] = Unary("false", v => v is false),
            ["integer"] = Unary("integer", v => v is long),
            ["float"] = Unary("float", v => v is double),
            ["number"] = Unary("number", PyTypes.IsNumber),
            ["string"] = Unary("string", v => v is string),
            ["mapping"] = Unary("mapping", v => v is PyDict),
            ["iterable"] = Unary("iterable", v => v is string or List<object?> or object?[] or PyDict or GroupTuple or PyIterator or Undefined),
            ["sequence"] = Unary("sequence", v => v is string or List<object?> or object?[] or PyDict or GroupTuple or Undefined),
            ["callable"] = Unary("callable", v => v is ITemplateCallable or Undefined),
            ["escaped"] = Unary("escaped", _ => false),
            ["lower"] = Unary("lower", v => PyRepr.Str(v) is var s && s.Any(PyStrings.IsCased) && s == PyStrings.Lower(s)),
            ["upper"] = Unary("upper", v => PyRepr.Str(v) is var s && s.Any(PyStrings.IsCased) && s == PyStrings.Upper(s)),
            ["even"] = Unary("even", v => PyEquality.AreEqual(PyArithmetic.Modulo(v, 2L), 0L)),
            ["odd"] = Unary("odd", v => PyEquality.AreEqual(PyArithmetic.Modulo(v, 2L), 1L)),
            ["divisibleby"] = Binary("divisibleby", "num", (v, n) => PyEquality.AreEqual(PyArithmetic.Modulo(v, n), 0L)),
            ["in"] = Binary("in", "seq", (v, seq) => PyIteration.Contains(seq, v)),
            ["sameas"] = Binary("sameas", "other", IsSameObject),
            ["filter"] = Unary("filter", v => v is string name && FilterTable.TryGet(name, out _)),
            ["test"] = Unary("test", v => v is string name && Tests!.ContainsKey(name)),
        };
        AddComparison(tests, (v, o) => PyEquality.AreEqual(v, o), "==", "eq", "equalto");
        AddComparison(tests, (v, o) => !PyEquality.AreEqual(v, o), "!=", "ne");
        AddComparison(tests, PyOrdering.LessThan, "<", "lt", "lessthan");
        AddComparison(tests, PyOrdering.LessOrEqual, "<=", "le");
        AddComparison(tests, PyOrdering.GreaterThan, ">", "gt", "greaterthan");
        AddComparison(tests, PyOrdering.GreaterOrEqual, ">=", "ge");
        return tests.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static TestFunction Unary(string name, Func<object?, bool> test) => (_, value, arguments) =>
    {
        ArgumentBinder.Bind(name, arguments);
        return test(value);
    };

    private static TestFunction Binary(string name, string parameter, Func<object?, object?, bool> test) => (_, value, arguments) =>
        test(value, ArgumentBinder.Bind(name, arguments, parameter).Required(0, parameter));

    private static void AddComparison(Dictionary<string, TestFunction> tests, Func<object?, object?, bool> compare, params string[] names)
    {
        foreach (var name in names)
            tests[name] = Binary(name, "other", compare);
    }

    /// <summary>Python's <c>is</c>: identity; None, booleans, small ints and equal strings behave as CPython interns them.</summary>
    private static bool IsSameObject(object? value, object? other) => (value, other) switch
    {
        (null, null) => true,
        (bool a, bool b) => a == b,
        (long a, long b) => a == b && a is >= -5 and <= 256,
        (Undefined, Undefined) => ReferenceEquals(value, other),
        _ => ReferenceEquals(value, other),
    };
}

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// The Python type vocabulary of template values. Internally a value is one of: <c>null</c> (None),
/// <see cref="bool"/>, <see cref="long"/> (int), <see cref="double"/> (float), <see cref="string"/> (str),
/// <see cref="List{T}"/> of object (list), <c>object?[]</c> (tuple), <see cref="PyDict"/> (dict),
/// <see cref="PyIterator"/> (generator), <see cref="Undefined"/>, or one of the runtime objects (namespace,
/// loop, macro, builtin...).
/// </summary>
internal static class PyTypes
{
    /// <summary>The Python type name, as in <c>type(x).__name__</c>, used in error messages.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        List<object?> => "list",
        object?[] => "tuple",
        GroupTuple => "_GroupTuple",
        PyIterator iterator => iterator.TypeName,
        PyDict => "dict",
        Undefined => "Undefined",
        JinjaNamespace => "Namespace",
        LoopContext => "LoopContext",
        Macro => "Macro",
        ITemplateCallable => "builtin_function_or_method",
        _ => value.GetType().Name,
    };

    /// <summary>Jinja's <c>object_type_repr</c>: "None", "dict object", "jinja2.utils.Namespace object".</summary>
    public static string ObjectDescription(object? value) => value switch
    {
        null => "None",
        JinjaNamespace => "jinja2.utils.Namespace object",
        LoopContext => "jinja2.runtime.LoopContext object",
        Macro => "jinja2.runtime.Macro object",
        _ => TypeName(value) + " object",
    };

    /// <summary>Python truthiness (<c>bool(x)</c>); Undefined is falsy.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        double d => d != 0,
        List<object?> list => list.Count > 0,
        object?[] tuple => tuple.Length > 0,
        PyDict dict => dict.Count > 0,
        Undefined => false,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static bool IsInteger(object? value) => value is long or bool;

    /// <summary>A value usable as a Python int (bool counts, as in Python).</summary>
    public static long ToInteger(object? value, string what) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        Undefined u => throw u.Fail(),
        _ => throw new ChatTemplateException($"{what} must be an integer, not '{TypeName(value)}'"),
    };

    /// <summary>A numeric value as a double (for float arithmetic).</summary>
    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new InvalidOperationException("not a number"),
    };
}

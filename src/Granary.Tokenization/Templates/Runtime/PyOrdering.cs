namespace Granary.Tokenization.Templates.Runtime;

/// <summary>Python's ordering comparisons (<c>&lt;</c> and friends) and the comparer used for sorting.</summary>
internal static class PyOrdering
{
    public static bool LessThan(object? left, object? right) => Check(left, right, "<", c => c < 0);

    public static bool LessOrEqual(object? left, object? right) => Check(left, right, "<=", c => c <= 0);

    public static bool GreaterThan(object? left, object? right) => Check(left, right, ">", c => c > 0);

    public static bool GreaterOrEqual(object? left, object? right) => Check(left, right, ">=", c => c >= 0);

    /// <summary>Three-way comparison for sorting; mixed types fail like Python's <c>sorted</c>.</summary>
    public static int Compare(object? left, object? right) => CompareOrThrow(left, right, "<");

    /// <summary>Compares strings by code point, which is Python's order (UTF-16 order differs above U+D7FF).</summary>
    public static int CompareStrings(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var a = left[i];
            var b = right[i];
            if (a != b)
                return CodePointOrderKey(a) - CodePointOrderKey(b);
        }
        return left.Length - right.Length;
    }

    private static int CodePointOrderKey(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;

    private static bool Check(object? left, object? right, string symbol, Func<int, bool> accept)
    {
        if (PyTypes.IsNumber(left) && PyTypes.IsNumber(right) && (left is double || right is double))
        {
            var a = PyTypes.ToDouble(left);
            var b = PyTypes.ToDouble(right);
            if (double.IsNaN(a) || double.IsNaN(b))
                return false;
            return accept(a.CompareTo(b));
        }
        return accept(CompareOrThrow(left, right, symbol));
    }

    private static int CompareOrThrow(object? left, object? right, string symbol)
    {
        if (left is Undefined leftUndefined)
            throw leftUndefined.Fail();
        if (right is Undefined rightUndefined)
            throw rightUndefined.Fail();
        if (PyTypes.IsNumber(left) && PyTypes.IsNumber(right))
        {
            if (left is double || right is double)
                return PyTypes.ToDouble(left).CompareTo(PyTypes.ToDouble(right));
            return PyTypes.ToInteger(left, "").CompareTo(PyTypes.ToInteger(right, ""));
        }
        if (left is string s && right is string t)
            return CompareStrings(s, t);
        if (left is List<object?> list && right is List<object?> otherList)
            return CompareSequences(list, otherList, symbol);
        if (left is object?[] tuple && right is object?[] otherTuple)
            return CompareSequences(tuple, otherTuple, symbol);
        throw new ChatTemplateException(
            $"'{symbol}' not supported between instances of '{PyTypes.TypeName(left)}' and '{PyTypes.TypeName(right)}'");
    }

    private static int CompareSequences(IReadOnlyList<object?> left, IReadOnlyList<object?> right, string symbol)
    {
        var length = Math.Min(left.Count, right.Count);
        for (var i = 0; i < length; i++)
        {
            if (!PyEquality.AreEqual(left[i], right[i]))
                return CompareOrThrow(left[i], right[i], symbol);
        }
        return left.Count.CompareTo(right.Count);
    }
}

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>Python's <c>==</c>: numbers compare across int/float/bool, containers element-wise, never an error.</summary>
internal static class PyEquality
{
    public static bool AreEqual(object? left, object? right)
    {
        if (ReferenceEquals(left, right))
            return true;
        switch (left)
        {
            case null:
                return false;
            case string s:
                return right is string t && string.Equals(s, t, StringComparison.Ordinal);
            case long or double or bool:
                return PyTypes.IsNumber(right) && NumbersEqual(left, right!);
            case List<object?> list:
                return right is List<object?> other && SequencesEqual(list, other);
            case object?[] tuple:
                return TupleItems(right) is { } otherTuple && SequencesEqual(tuple, otherTuple);
            case GroupTuple group:
                return TupleItems(right) is { } otherGroup && SequencesEqual(group.Items, otherGroup);
            case PyDict dict:
                return right is PyDict otherDict && DictsEqual(dict, otherDict);
            case Undefined:
                return right is Undefined;
            default:
                return left.Equals(right);
        }
    }

    private static object?[]? TupleItems(object? value) => value switch
    {
        object?[] tuple => tuple,
        GroupTuple group => group.Items,
        _ => null,
    };

    private static bool NumbersEqual(object left, object right)
    {
        if (left is double || right is double)
            return PyTypes.ToDouble(left) == PyTypes.ToDouble(right);
        return PyTypes.ToInteger(left, "") == PyTypes.ToInteger(right, "");
    }

    private static bool SequencesEqual(IReadOnlyList<object?> left, IReadOnlyList<object?> right)
    {
        if (left.Count != right.Count)
            return false;
        for (var i = 0; i < left.Count; i++)
        {
            if (!AreEqual(left[i], right[i]))
                return false;
        }
        return true;
    }

    private static bool DictsEqual(PyDict left, PyDict right)
    {
        if (left.Count != right.Count)
            return false;
        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other) || !AreEqual(value, other))
                return false;
        }
        return true;
    }
}

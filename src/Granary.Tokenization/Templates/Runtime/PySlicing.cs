using System.Text;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>Python indexing and slicing of lists, tuples and strings (by code point).</summary>
internal static class PySlicing
{
    /// <summary><c>sequence[index]</c> with negative indices; null when out of range.</summary>
    public static bool TryIndex(object sequence, long index, out object? item)
    {
        item = null;
        switch (sequence)
        {
            case List<object?> list:
                return TryIndexList(list, index, out item);
            case object?[] tuple:
                return TryIndexList(tuple, index, out item);
            case GroupTuple group:
                return TryIndexList(group.Items, index, out item);
            case string text when !PyStrings.HasSurrogates(text):
                if (index < 0)
                    index += text.Length;
                if (index < 0 || index >= text.Length)
                    return false;
                item = text[(int)index].ToString();
                return true;
            case string text:
                return TryIndexList(PyStrings.CodePoints(text), index, out item);
            default:
                return false;
        }
    }

    private static bool TryIndexList<T>(IReadOnlyList<T> list, long index, out object? item)
    {
        item = null;
        if (index < 0)
            index += list.Count;
        if (index < 0 || index >= list.Count)
            return false;
        item = list[(int)index];
        return true;
    }

    /// <summary><c>sequence[start:stop:step]</c>; returns null when the value cannot be sliced.</summary>
    public static object? Slice(object? sequence, object? start, object? stop, object? step)
    {
        switch (sequence)
        {
            case List<object?> list:
                return SliceItems(list, start, stop, step);
            case object?[] tuple:
                return SliceItems(tuple, start, stop, step).ToArray();
            case string text:
                var parts = PyStrings.HasSurrogates(text) ? PyStrings.CodePoints(text) : null;
                var characters = parts is null ? SliceItems(new StringCharacters(text), start, stop, step) : SliceItems(parts, start, stop, step);
                var builder = new StringBuilder(characters.Count);
                foreach (var character in characters)
                    builder.Append((string?)character);
                return builder.ToString();
            default:
                return null;
        }
    }

    private static List<object?> SliceItems<T>(IReadOnlyList<T> items, object? startValue, object? stopValue, object? stepValue)
    {
        var step = stepValue is null ? 1 : ToSliceIndex(stepValue);
        if (step == 0)
            throw new ChatTemplateException("slice step cannot be zero");
        long length = items.Count;
        var (lower, upper) = step < 0 ? (-1L, length - 1) : (0L, length);
        var start = startValue is null ? (step < 0 ? upper : lower) : Clamp(ToSliceIndex(startValue), length, lower, upper);
        var stop = stopValue is null ? (step < 0 ? lower : upper) : Clamp(ToSliceIndex(stopValue), length, lower, upper);
        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
            result.Add(items[(int)i]);
        return result;
    }

    private static long Clamp(long index, long length, long lower, long upper)
    {
        if (index < 0)
            index += length;
        return index < lower ? lower : index > upper ? upper : index;
    }

    private static long ToSliceIndex(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new ChatTemplateException("slice indices must be integers or None or have an __index__ method"),
    };
}

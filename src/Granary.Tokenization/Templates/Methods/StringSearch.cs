using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Methods;

/// <summary><c>str.find/rfind/index/rindex/count</c> and the <c>start, end</c> window they share (code point indices).</summary>
internal static class StringSearch
{
    public static object Find(string text, CallArguments arguments, string name, bool fromRight, bool raise)
    {
        var bound = ArgumentBinder.Bind(name, arguments, "sub", "start", "end");
        var needle = StringMethods.StringArgument(bound.Required(0, "sub"), name);
        if (!TryResolveWindow(text, bound.Get(1), bound.Get(2), out var from, out var to) || to - from < needle.Length)
            return NotFound(raise);
        if (needle.Length == 0)
            return (long)PyStrings.ToCodePointIndex(text, fromRight ? to : from);
        var found = fromRight
            ? text.LastIndexOf(needle, to - 1, to - from, StringComparison.Ordinal)
            : text.IndexOf(needle, from, to - from, StringComparison.Ordinal);
        return found < 0 ? NotFound(raise) : (long)PyStrings.ToCodePointIndex(text, found);
    }

    public static object Count(string text, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("count", arguments, "sub", "start", "end");
        var needle = StringMethods.StringArgument(bound.Required(0, "sub"), "count");
        if (!TryResolveWindow(text, bound.Get(1), bound.Get(2), out var from, out var to) || to < from)
            return 0L;
        var window = text[from..to];
        if (needle.Length == 0)
            return (long)PyStrings.Length(window) + 1;
        long count = 0;
        for (var at = window.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = window.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    /// <summary>The text within <c>[start:end]</c>, or null when start lies beyond the end (Python then matches nothing).</summary>
    public static string? Window(string text, object? start, object? end) =>
        TryResolveWindow(text, start, end, out var from, out var to) ? (to > from ? text[from..to] : "") : null;

    /// <summary>Resolves Python's start/end (None, negative, clamped) to a UTF-16 range; false if start exceeds the length.</summary>
    private static bool TryResolveWindow(string text, object? start, object? end, out int from, out int to)
    {
        long length = PyStrings.Length(text);
        var first = start is null ? 0 : PyTypes.ToInteger(start, "slice index");
        var last = end is null ? length : PyTypes.ToInteger(end, "slice index");
        if (last > length)
            last = length;
        else if (last < 0)
            last = Math.Max(0, last + length);
        if (first < 0)
            first = Math.Max(0, first + length);
        from = to = 0;
        if (first > length)
            return false;
        from = PyStrings.ToUtf16Index(text, (int)first);
        to = Math.Max(from, PyStrings.ToUtf16Index(text, (int)last));
        return true;
    }

    private static object NotFound(bool raise) => raise ? throw new ChatTemplateException("substring not found") : -1L;
}

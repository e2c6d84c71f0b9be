using System.Text;
using Granary.Tokenization.Templates.Formatting;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Filters;

/// <summary>Jinja's layout filters: center, indent, truncate.</summary>
internal static class TextLayoutFilters
{
    public static void Register(Dictionary<string, FilterFunction> filters)
    {
        filters["center"] = (_, v, a) =>
            TextPadding.Pad(PyRepr.Str(v), ArgumentBinder.Bind("center", a, "width").GetInt(0, 80, "width"), " ", '^');
        filters["indent"] = Indent;
        filters["truncate"] = Truncate;
    }

    private static object? Indent(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("indent", arguments, "width", "first", "blank");
        var width = bound.Get(0) is string ? 0 : bound.GetInt(0, 4, "width");
        SizeLimits.EnsureGeneratedLength(width, "indent");
        var indentation = bound.Get(0) is string given ? given : new string(' ', (int)Math.Max(0, width));
        var first = bound.GetBool(1, false);
        var blank = bound.GetBool(2, false);
        // Jinja appends a newline first (s += "\n"), which only works on a string, so that splitlines keeps a
        // trailing empty line.
        var text = value switch
        {
            string s => s,
            Undefined undefined => throw undefined.Fail(),
            _ => throw new ChatTemplateException($"unsupported operand type(s) for +=: '{PyTypes.TypeName(value)}' and 'str'"),
        };
        var lines = PyStrings.SplitLines(text + "\n", keepEnds: false);
        var builder = new StringBuilder();
        if (blank)
        {
            builder.Append(string.Join("\n" + indentation, lines));
        }
        else
        {
            builder.Append(lines[0]);
            for (var i = 1; i < lines.Count; i++)
            {
                builder.Append('\n');
                if (lines[i].Length > 0)
                    builder.Append(indentation);
                builder.Append(lines[i]);
            }
        }
        return first ? indentation + builder : builder.ToString();
    }

    private static object? Truncate(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("truncate", arguments, "length", "killwords", "end", "leeway");
        var length = bound.GetInt(0, 255, "length");
        var killWords = bound.GetBool(1, false);
        var end = bound.GetString(2, "...")!;
        var leeway = bound.Get(3) is null ? 5 : bound.GetInt(3, 5, "leeway");
        if (length < PyStrings.Length(end))
            throw new ChatTemplateException($"expected length >= {PyStrings.Length(end)}, got {length}");
        if (leeway < 0)
            throw new ChatTemplateException($"expected leeway >= 0, got {leeway}");
        // Jinja does not convert the value to a string: a short list comes back unchanged.
        if (PyIteration.Length(value) <= length + leeway)
            return value;
        if (value is not string text)
            throw new ChatTemplateException($"truncate needs a string to shorten, not '{PyTypes.TypeName(value)}'");
        var kept = (string)PySlicing.Slice(text, null, length - PyStrings.Length(end), null)!;
        if (killWords)
            return kept + end;
        var lastSpace = kept.LastIndexOf(' ');
        return (lastSpace >= 0 ? kept[..lastSpace] : kept) + end;
    }
}

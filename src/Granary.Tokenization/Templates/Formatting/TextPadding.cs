using System.Text;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Formatting;

/// <summary>Python's padding to a width (in code points) with a fill character and an alignment.</summary>
internal static class TextPadding
{
    /// <summary>
    /// Pads <paramref name="text"/> to <paramref name="width"/>: '&lt;' left-aligns, '&gt;' right-aligns, '^'
    /// centres. Centring follows <c>str.center</c>, which puts the odd extra space on the left when the width is odd.
    /// </summary>
    public static string Pad(string text, long width, string fill, char alignment, bool formatCentering = false)
    {
        var padding = width - PyStrings.Length(text);
        if (padding <= 0)
            return text;
        SizeLimits.EnsureGeneratedLength(width, "padding");
        long left = alignment switch
        {
            '<' => 0,
            '>' => padding,
            _ => formatCentering ? padding / 2 : (padding / 2) + (padding & width & 1),
        };
        var builder = new StringBuilder();
        for (var i = 0; i < left; i++)
            builder.Append(fill);
        builder.Append(text);
        for (var i = left; i < padding; i++)
            builder.Append(fill);
        return builder.ToString();
    }
}

using System.Text;
using Granary.Tokenization.Patterns;

namespace Granary.Tokenization.Normalizers;

/// <summary>Replaces every match of a literal or regex pattern by fixed content.</summary>
internal sealed class ReplaceNormalizer(ISplitPattern pattern, string content) : INormalizer
{
    public string Normalize(string text) => ReplaceAll(pattern, content, text);

    public static string ReplaceAll(ISplitPattern pattern, string content, string text)
    {
        if (pattern is LiteralPattern literal)
        {
            return literal.Literal.Length == 0 ? text : text.Replace(literal.Literal, content, StringComparison.Ordinal);
        }

        var segments = new List<PatternSegment>();
        pattern.FindSegments(text, segments);
        var builder = new StringBuilder(text.Length);
        foreach (var segment in segments)
        {
            if (segment.IsMatch)
            {
                builder.Append(content);
            }
            else
            {
                builder.Append(text, segment.Start, segment.Length);
            }
        }

        return builder.ToString();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.Structured.Expressions;
using Granary.Structured.Regex;
using Granary.Structured.Text;

namespace Granary.Structured.Json;

/// <summary>
/// Strings: the decoded content is the intersection of pattern (an unanchored search unless
/// anchored), format and length bounds, written with JSON escaping. Constrained strings use
/// only BMP characters, so code point counts (the spec), UTF-16 counts (.NET, JavaScript) and
/// every regex flavour agree on them. Lengths are counted in automaton states, so a maxLength
/// above <see cref="MaxCountedLength"/> is enforced as that length (still valid, never longer).
/// </summary>
internal static class StringSchemaCompiler
{
    public const int MaxCountedLength = 1_000;

    public static GrammarExpression Compile(JsonObject schema, string pointer)
    {
        var minLength = SchemaNumbers.Count(schema, "minLength", pointer) ?? 0;
        var maxLength = SchemaNumbers.Count(schema, "maxLength", pointer);
        var pattern = Text(schema, "pattern", pointer);
        var format = Text(schema, "format", pointer);
        if (maxLength < minLength)
        {
            throw SchemaKeywords.Invalid("maxLength", pointer, "is below minLength: no string satisfies the schema");
        }

        if (minLength > MaxCountedLength)
        {
            throw SchemaKeywords.Invalid("minLength", pointer, $"above {MaxCountedLength} is not supported");
        }

        if (minLength == 0 && maxLength is null && pattern is null && format is null)
        {
            return JsonValueGrammar.AnyString;
        }

        var content = CharDfaOperations.AnyText(CodePointSet.BmpScalars);
        if (pattern is not null)
        {
            content = CharDfaOperations.Intersect(content, RegexCompiler.Search(pattern, CodePointSet.BmpScalars, "pattern"));
        }

        if (format is not null)
        {
            content = CharDfaOperations.Intersect(content, StringFormats.Compile(format, pointer));
        }

        if (minLength > 0 || maxLength is not null)
        {
            var cappedMax = maxLength is { } max ? Math.Min(max, Math.Max(MaxCountedLength, minLength)) : (int?)null;
            content = CharDfaOperations.WithLength(content, minLength, cappedMax);
        }

        return content.IsEmptyLanguage ? GrammarExpression.Nothing : JsonValueGrammar.StringOf(content);
    }

    private static string? Text(JsonObject schema, string keyword, string pointer) => schema[keyword] switch
    {
        null => null,
        JsonNode node when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        _ => throw SchemaKeywords.Invalid(keyword, pointer, "must be a string"),
    };
}

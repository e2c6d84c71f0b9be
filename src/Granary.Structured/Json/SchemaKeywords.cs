using System.Text.Json.Nodes;

namespace Granary.Structured.Json;

/// <summary>
/// The keywords we enforce, and the annotations we may ignore. Any other keyword is refused
/// (a 400 naming it): a keyword we do not enforce is never silently ignored.
/// </summary>
internal static class SchemaKeywords
{
    public static readonly IReadOnlySet<string> Annotations = new HashSet<string>(StringComparer.Ordinal)
    {
        "title", "description", "default", "examples", "$schema", "$id", "$comment", "$defs", "definitions",
    };

    public static readonly IReadOnlySet<string> ObjectKeywords = new HashSet<string>(StringComparer.Ordinal) { "properties", "required", "additionalProperties" };

    public static readonly IReadOnlySet<string> ArrayKeywords = new HashSet<string>(StringComparer.Ordinal) { "items", "prefixItems", "minItems", "maxItems" };

    public static readonly IReadOnlySet<string> StringKeywords = new HashSet<string>(StringComparer.Ordinal) { "minLength", "maxLength", "pattern", "format" };

    public static readonly IReadOnlySet<string> NumberKeywords = new HashSet<string>(StringComparer.Ordinal) { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" };

    private static readonly IReadOnlySet<string> Combinators = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "enum", "const", "anyOf", "oneOf", "allOf", "$ref",
    };

    public static void Check(JsonObject schema, string pointer)
    {
        foreach (var (keyword, _) in schema)
        {
            if (!Annotations.Contains(keyword) && !Combinators.Contains(keyword) && !ObjectKeywords.Contains(keyword)
                && !ArrayKeywords.Contains(keyword) && !StringKeywords.Contains(keyword) && !NumberKeywords.Contains(keyword))
            {
                throw new StructuredOutputException($"Unsupported JSON Schema keyword '{keyword}' at {Pointer(pointer)}: it cannot be enforced.", keyword);
            }
        }
    }

    /// <summary>The validation keywords of a schema (everything but annotations).</summary>
    public static IEnumerable<string> Validating(JsonObject schema) => schema.Select(p => p.Key).Where(k => !Annotations.Contains(k));

    public static string Pointer(string pointer) => pointer.Length == 0 ? "#" : "#" + pointer;

    public static StructuredOutputException Invalid(string keyword, string pointer, string what) =>
        new($"Invalid '{keyword}' at {Pointer(pointer)}: {what}", keyword);
}

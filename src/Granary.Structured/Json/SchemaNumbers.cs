using System.Text.Json;
using System.Text.Json.Nodes;

namespace Granary.Structured.Json;

/// <summary>Reads the count-like keywords (minItems, maxLength, ...) as non-negative integers.</summary>
internal static class SchemaNumbers
{
    public static int? Count(JsonObject schema, string keyword, string pointer)
    {
        var node = schema[keyword];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number)
        {
            throw SchemaKeywords.Invalid(keyword, pointer, "must be a number");
        }

        var value = ExactDecimal.Parse(node.ToJsonString(), keyword);
        if (value.Negative || value.FractionDigits.Length > 0)
        {
            throw SchemaKeywords.Invalid(keyword, pointer, "must be a non-negative integer");
        }

        return value.Magnitude > int.MaxValue ? int.MaxValue : (int)value.Magnitude;
    }

    public static ExactDecimal? Bound(JsonObject schema, string keyword, string pointer)
    {
        var node = schema[keyword];
        if (node is null || node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return null;
        }

        return node.GetValueKind() == JsonValueKind.Number
            ? ExactDecimal.Parse(node.ToJsonString(), keyword)
            : throw SchemaKeywords.Invalid(keyword, pointer, "must be a number");
    }
}

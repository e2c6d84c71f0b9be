using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.Structured.Expressions;

namespace Granary.Structured.Json;

/// <summary>
/// Arrays: prefixItems (or the draft-4 array form of items) first, then items for the rest,
/// between minItems and maxItems in all. items: false stops after the prefix; items absent
/// allows any values after it.
/// </summary>
internal static class ArraySchemaCompiler
{
    public static GrammarExpression Compile(JsonSchemaCompiler compiler, JsonObject schema, string pointer)
    {
        var minItems = SchemaNumbers.Count(schema, "minItems", pointer) ?? 0;
        var maxItems = SchemaNumbers.Count(schema, "maxItems", pointer);
        if (maxItems < minItems)
        {
            throw SchemaKeywords.Invalid("maxItems", pointer, "is below minItems: no array satisfies the schema");
        }

        var (prefixNodes, prefixKeyword) = schema["prefixItems"] is JsonArray prefix
            ? (prefix, "prefixItems")
            : schema["items"] is JsonArray tuple ? (tuple, "items") : (new JsonArray(), "prefixItems");
        if (schema["prefixItems"] is { } p && p is not JsonArray)
        {
            throw SchemaKeywords.Invalid("prefixItems", pointer, "must be an array");
        }

        var prefixItems = prefixNodes.Take(maxItems ?? int.MaxValue)
            .Select((node, i) => compiler.CompileSchema(node, $"{pointer}/{prefixKeyword}/{i}"))
            .ToList();

        GrammarExpression? rest = schema["items"] switch
        {
            null => JsonValueGrammar.AnyValue,
            JsonArray => null, // draft-4 tuple form: only the listed items
            JsonNode items when items.GetValueKind() == JsonValueKind.False => null,
            JsonNode items => compiler.CompileSchema(items, pointer + "/items"),
        };
        if (rest is not null && ReferenceEquals(rest, GrammarExpression.Nothing))
        {
            rest = null;
        }

        if (rest is null && minItems > prefixItems.Count)
        {
            throw SchemaKeywords.Invalid("minItems", pointer, "asks for more items than the schema allows");
        }

        // Tail after all prefix items: (',' item) for the remaining count.
        GrammarExpression tail = GrammarExpression.Empty;
        if (rest is not null && !(maxItems <= prefixItems.Count))
        {
            var restMin = Math.Max(0, minItems - prefixItems.Count);
            var restMax = maxItems - prefixItems.Count;
            tail = prefixItems.Count == 0
                ? new RepeatExpression(rest, JsonWhitespace.Comma, restMin, restMax)
                : new RepeatExpression(GrammarExpression.Sequence(JsonWhitespace.Comma, rest), null, restMin, restMax);
        }

        // Nest backwards: item_i then (',' item_{i+1} ...), optional once minItems is reached.
        var elements = tail;
        for (var i = prefixItems.Count - 1; i >= 0; i--)
        {
            var withItem = i == 0
                ? GrammarExpression.Sequence(prefixItems[i], elements)
                : GrammarExpression.Sequence(JsonWhitespace.Comma, prefixItems[i], elements);
            elements = i < minItems ? withItem : GrammarExpression.Optional(withItem);
        }

        return GrammarExpression.Sequence(JsonWhitespace.Open('['), elements, JsonWhitespace.Close(']'));
    }
}

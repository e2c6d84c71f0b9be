using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.Structured.Expressions;

namespace Granary.Structured.Json;

/// <summary>
/// integer and number with minimum / maximum / exclusiveMinimum / exclusiveMaximum (numeric, as
/// in 2019+, or draft-4 booleans qualifying minimum / maximum). With no bounds: the capped free
/// forms of <see cref="JsonNumbers"/>.
/// </summary>
internal static class NumberSchemaCompiler
{
    public static GrammarExpression Compile(JsonObject schema, string pointer, bool integer)
    {
        var (low, lowInclusive) = Bound(schema, "minimum", "exclusiveMinimum", pointer, pickHigher: true);
        var (high, highInclusive) = Bound(schema, "maximum", "exclusiveMaximum", pointer, pickHigher: false);
        if (low is null && high is null)
        {
            return integer ? JsonNumbers.Integer : JsonNumbers.Number;
        }

        return DecimalRangeBuilder.Build(low, lowInclusive, high, highInclusive, integer);
    }

    /// <summary>The tighter of the inclusive and the exclusive bound.</summary>
    private static (ExactDecimal? Bound, bool Inclusive) Bound(JsonObject schema, string inclusiveKeyword, string exclusiveKeyword, string pointer, bool pickHigher)
    {
        var inclusive = SchemaNumbers.Bound(schema, inclusiveKeyword, pointer);
        var exclusiveNode = schema[exclusiveKeyword];
        if (exclusiveNode is not null && exclusiveNode.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            // Draft 4: a boolean that makes minimum / maximum exclusive.
            var isExclusive = exclusiveNode.GetValueKind() == JsonValueKind.True;
            return (inclusive, !isExclusive);
        }

        var exclusive = SchemaNumbers.Bound(schema, exclusiveKeyword, pointer);
        if (inclusive is null)
        {
            return (exclusive, exclusive is null);
        }

        if (exclusive is null)
        {
            return (inclusive, true);
        }

        var comparison = exclusive.Value.CompareTo(inclusive.Value);
        var exclusiveIsTighter = pickHigher ? comparison >= 0 : comparison <= 0;
        return exclusiveIsTighter ? (exclusive, false) : (inclusive, true);
    }
}

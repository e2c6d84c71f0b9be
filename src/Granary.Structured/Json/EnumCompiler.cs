using System.Text;
using System.Text.Json.Nodes;
using Granary.Structured.Automata;
using Granary.Structured.Expressions;
using Granary.Structured.Runtime;

namespace Granary.Structured.Json;

/// <summary>
/// enum and const: the values as compact JSON literals. When other keywords sit beside them
/// (type, pattern, bounds, ...), only the values the rest of the schema accepts are kept —
/// checked by running each literal through the compiled rest, so the filter is exactly our grammar.
/// </summary>
internal static class EnumCompiler
{
    public static GrammarExpression Compile(JsonObject schema, string pointer, GrammarExpression rest, bool restConstrains)
    {
        var literals = Literals(schema, pointer);
        if (restConstrains)
        {
            // The \u0001 alternative (never the start of JSON) keeps an unsatisfiable rest compilable.
            var compiled = CompiledGrammar.Compile(GrammarExpression.Choice([rest, GrammarExpression.Literal("\u0001")]));
            literals = literals.Where(literal => ByteTextMatcher.Matches(compiled, Encoding.UTF8.GetBytes(literal))).ToList();
        }

        return GrammarExpression.Choice(literals.Distinct(StringComparer.Ordinal).Select(GrammarExpression.Literal).ToList());
    }

    private static List<string> Literals(JsonObject schema, string pointer)
    {
        List<string>? values = null;
        if (schema.TryGetPropertyValue("enum", out var enumNode))
        {
            values = enumNode is JsonArray array
                ? array.Select(JsonLiteralWriter.Write).ToList()
                : throw SchemaKeywords.Invalid("enum", pointer, "must be an array");
        }

        if (schema.TryGetPropertyValue("const", out var constNode))
        {
            var constant = JsonLiteralWriter.Write(constNode);
            values = values is null || values.Contains(constant, StringComparer.Ordinal) ? [constant] : [];
        }

        return values ?? [];
    }
}

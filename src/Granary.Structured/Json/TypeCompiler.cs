using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.Structured.Expressions;

namespace Granary.Structured.Json;

/// <summary>
/// <c>type</c> (a name or a list) and the keywords of each type. Without <c>type</c>, the types
/// whose keywords appear are generated (a schema with only <c>properties</c> yields objects);
/// with no type keywords at all, any JSON value.
/// </summary>
internal static class TypeCompiler
{
    private static readonly string[] AllTypes = ["object", "array", "string", "number", "integer", "boolean", "null"];

    public static GrammarExpression Compile(JsonSchemaCompiler compiler, JsonObject schema, string pointer)
    {
        var types = DeclaredTypes(schema, pointer) ?? InferredTypes(schema);
        if (types is null)
        {
            return JsonValueGrammar.AnyValue;
        }

        if (types.Contains("number"))
        {
            types.Remove("integer"); // every integer is a number
        }

        var options = types.Select(type => type switch
        {
            "object" => ObjectSchemaCompiler.Compile(compiler, schema, pointer),
            "array" => ArraySchemaCompiler.Compile(compiler, schema, pointer),
            "string" => StringSchemaCompiler.Compile(schema, pointer),
            "number" => NumberSchemaCompiler.Compile(schema, pointer, integer: false),
            "integer" => NumberSchemaCompiler.Compile(schema, pointer, integer: true),
            "boolean" => GrammarExpression.Choice([GrammarExpression.Literal("true"), GrammarExpression.Literal("false")]),
            _ => GrammarExpression.Literal("null"),
        }).ToList();
        return GrammarExpression.Choice(options);
    }

    private static List<string>? DeclaredTypes(JsonObject schema, string pointer)
    {
        var node = schema["type"];
        if (node is null)
        {
            return null;
        }

        var names = node switch
        {
            JsonArray array => array.Select(item => item?.GetValueKind() == JsonValueKind.String ? item.GetValue<string>() : null).ToList(),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
            _ => throw SchemaKeywords.Invalid("type", pointer, "must be a string or an array of strings"),
        };

        foreach (var name in names)
        {
            if (name is null || Array.IndexOf(AllTypes, name) < 0)
            {
                throw SchemaKeywords.Invalid("type", pointer, $"unknown type '{name}'");
            }
        }

        var distinct = names.Distinct().ToList()!;
        if (distinct.Count == 0)
        {
            throw SchemaKeywords.Invalid("type", pointer, "an empty type list admits nothing");
        }

        return distinct!;
    }

    private static List<string>? InferredTypes(JsonObject schema)
    {
        var types = new List<string>();
        var keywords = schema.Select(p => p.Key).ToHashSet();
        if (keywords.Overlaps(SchemaKeywords.ObjectKeywords))
        {
            types.Add("object");
        }

        if (keywords.Overlaps(SchemaKeywords.ArrayKeywords))
        {
            types.Add("array");
        }

        if (keywords.Overlaps(SchemaKeywords.StringKeywords))
        {
            types.Add("string");
        }

        if (keywords.Overlaps(SchemaKeywords.NumberKeywords))
        {
            types.Add("number");
        }

        return types.Count == 0 ? null : types;
    }
}

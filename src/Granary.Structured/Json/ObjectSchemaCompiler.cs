using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.Structured.Expressions;
using Granary.Structured.Text;

namespace Granary.Structured.Json;

/// <summary>
/// Objects: declared properties in schema order (required ones always, optional ones may be
/// skipped), then required names that are not declared, then — only when additionalProperties
/// allows it — any number of other members whose keys differ from every declared name.
/// additionalProperties absent means: none beyond the declared ones when properties are
/// declared (what strict-mode users expect), any members when nothing is declared.
/// </summary>
internal static class ObjectSchemaCompiler
{
    public static GrammarExpression Compile(JsonSchemaCompiler compiler, JsonObject schema, string pointer)
    {
        var properties = schema["properties"] switch
        {
            null => new JsonObject(),
            JsonObject declared => declared,
            _ => throw SchemaKeywords.Invalid("properties", pointer, "must be an object"),
        };

        var required = RequiredNames(schema, pointer);
        var extraSchema = ExtraSchema(compiler, schema, properties, pointer);

        var members = new List<(GrammarExpression, bool)>();
        foreach (var (name, propertySchema) in properties)
        {
            var value = compiler.CompileSchema(propertySchema, $"{pointer}/properties/{Escape(name)}");
            members.Add((JsonValueGrammar.Member(KeyLiteral(name), value), required.Contains(name)));
        }

        foreach (var name in required.Where(name => !properties.ContainsKey(name)))
        {
            if (extraSchema is null)
            {
                throw new StructuredOutputException(
                    $"'required' at {SchemaKeywords.Pointer(pointer)} names '{name}', which additionalProperties forbids: no object satisfies the schema.", "required");
            }

            members.Add((JsonValueGrammar.Member(KeyLiteral(name), extraSchema), true));
        }

        GrammarExpression? extraMember = null;
        if (extraSchema is not null)
        {
            var taken = properties.Select(p => p.Key).Concat(required);
            var key = JsonValueGrammar.StringOf(CharDfaOperations.AnyTextExcept(CodePointSet.AllScalars, taken));
            extraMember = JsonValueGrammar.Member(key, extraSchema);
        }

        return JsonValueGrammar.Object(new ObjectMembersExpression(members, extraMember, JsonWhitespace.Comma));
    }

    private static GrammarExpression? ExtraSchema(JsonSchemaCompiler compiler, JsonObject schema, JsonObject properties, string pointer)
    {
        var additional = schema["additionalProperties"];
        if (additional is null)
        {
            return properties.Count == 0 ? JsonValueGrammar.AnyValue : null;
        }

        if (additional.GetValueKind() == JsonValueKind.False)
        {
            return null;
        }

        var expression = compiler.CompileSchema(additional, pointer + "/additionalProperties");
        return ReferenceEquals(expression, GrammarExpression.Nothing) ? null : expression;
    }

    private static HashSet<string> RequiredNames(JsonObject schema, string pointer)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        switch (schema["required"])
        {
            case null:
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    names.Add(item?.GetValueKind() == JsonValueKind.String ? item.GetValue<string>() : throw SchemaKeywords.Invalid("required", pointer, "must list strings"));
                }

                break;
            default:
                throw SchemaKeywords.Invalid("required", pointer, "must be an array");
        }

        return names;
    }

    /// <summary>The key as JSON text: quotes, and escapes only where JSON requires them.</summary>
    private static GrammarExpression KeyLiteral(string name) => GrammarExpression.Literal(JsonLiteralWriter.String(name));

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

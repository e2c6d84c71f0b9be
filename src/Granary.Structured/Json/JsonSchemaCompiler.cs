using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.Structured.Expressions;

namespace Granary.Structured.Json;

/// <summary>
/// JSON Schema (as OpenAI strict mode and vLLM users send it) to a grammar of the JSON texts that
/// validate. Coverage: type (and type lists), properties / required / additionalProperties, enum,
/// const, anyOf, oneOf (as anyOf), allOf (merged when simple), $ref / $defs / definitions (also
/// recursive), items / prefixItems / minItems / maxItems, minLength / maxLength / pattern /
/// format, minimum / maximum / exclusiveMinimum / exclusiveMaximum; annotations are ignored and
/// any other keyword is refused. Whitespace and number bounds: <see cref="JsonWhitespace"/>,
/// <see cref="JsonNumbers"/>. Generation stays inside the schema where the schema is looser than
/// what we emit (declared properties only unless additionalProperties allows more, no exponents
/// with number bounds): every output validates, not every valid document can be produced.
/// </summary>
internal sealed class JsonSchemaCompiler
{
    private readonly SchemaReferences _references;

    private JsonSchemaCompiler(JsonNode root)
    {
        _references = new SchemaReferences(root, this);
    }

    public static GrammarExpression Compile(string schemaJson)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(schemaJson, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException exception)
        {
            throw new StructuredOutputException($"The schema is not valid JSON: {exception.Message}", exception);
        }

        if (root is null)
        {
            throw new StructuredOutputException("The schema is null; expected an object or a boolean.");
        }

        var compiler = new JsonSchemaCompiler(root);
        return compiler.CompileSchema(root, "");
    }

    /// <summary>A schema node (object or boolean) at a JSON pointer, for error messages.</summary>
    public GrammarExpression CompileSchema(JsonNode? schema, string pointer)
    {
        switch (schema)
        {
            case JsonValue value when value.TryGetValue(out bool accept):
                return accept ? JsonValueGrammar.AnyValue : GrammarExpression.Nothing;
            case JsonObject schemaObject:
                SchemaKeywords.Check(schemaObject, pointer);
                return CompileObjectSchema(schemaObject, pointer);
            default:
                throw new StructuredOutputException($"The schema at {SchemaKeywords.Pointer(pointer)} must be an object or a boolean.");
        }
    }

    private GrammarExpression CompileObjectSchema(JsonObject schema, string pointer)
    {
        if (schema["$ref"] is { } reference)
        {
            if (SchemaKeywords.Validating(schema).Any(k => k != "$ref"))
            {
                var extra = SchemaKeywords.Validating(schema).First(k => k != "$ref");
                throw new StructuredOutputException(
                    $"'$ref' at {SchemaKeywords.Pointer(pointer)} has the sibling keyword '{extra}'; wrap them in allOf or move it into the referenced schema.", "$ref");
            }

            return _references.Compile(reference.GetValueKind() == JsonValueKind.String ? reference.GetValue<string>() : throw SchemaKeywords.Invalid("$ref", pointer, "must be a string"), pointer);
        }

        if (schema["allOf"] is not null)
        {
            var merged = AllOfMerger.Merge(schema, pointer, _references);
            return CompileSchema(merged, pointer);
        }

        if (schema["anyOf"] is not null || schema["oneOf"] is not null)
        {
            return CompileAlternatives(schema, pointer);
        }

        var typed = TypeCompiler.Compile(this, schema, pointer);
        // ContainsKey, not a null check: "const": null is a constraint.
        return schema.ContainsKey("enum") || schema.ContainsKey("const")
            ? EnumCompiler.Compile(schema, pointer, typed, SchemaKeywords.Validating(schema).Any(k => k is not ("enum" or "const")))
            : typed;
    }

    /// <summary>
    /// anyOf, and oneOf read as anyOf: generation picks one branch, and a value that happens to
    /// match several branches would break oneOf's "exactly one". We accept that: schemas sent for
    /// generation use oneOf for alternatives that do not overlap (different types or consts).
    /// Keywords beside anyOf apply to every branch: they are merged into each (rest ∩ (A ∪ B)).
    /// </summary>
    private GrammarExpression CompileAlternatives(JsonObject schema, string pointer)
    {
        if (schema["anyOf"] is not null && schema["oneOf"] is not null)
        {
            throw new StructuredOutputException($"anyOf and oneOf together at {SchemaKeywords.Pointer(pointer)} are not supported.", "oneOf");
        }

        var keyword = schema["anyOf"] is not null ? "anyOf" : "oneOf";
        if (schema[keyword] is not JsonArray { Count: > 0 } branches)
        {
            throw SchemaKeywords.Invalid(keyword, pointer, "must be a non-empty array");
        }

        var rest = new JsonObject();
        foreach (var (name, value) in schema)
        {
            if (name != keyword && !SchemaKeywords.Annotations.Contains(name))
            {
                rest[name] = value?.DeepClone();
            }
        }

        var options = new List<GrammarExpression>();
        for (var i = 0; i < branches.Count; i++)
        {
            var branchPointer = $"{pointer}/{keyword}/{i}";
            var branch = rest.Count == 0
                ? branches[i]
                : new JsonObject { ["allOf"] = new JsonArray(rest.DeepClone(), branches[i]?.DeepClone()) };
            options.Add(CompileSchema(branch, branchPointer));
        }

        return GrammarExpression.Choice(options);
    }
}

using System.Text.Json.Nodes;

namespace Granary.Engine.Tools;

/// <summary>
/// The JSON Schema of one call object, for constrained decoding: per allowed tool
/// <c>{"type":"object","properties":{"name":{"const":"f"},"arguments":&lt;f's parameters&gt;},"required":["name","arguments"],"additionalProperties":false}</c>
/// (keys as the syntax names them, name first), and an <c>anyOf</c> of those when several tools are allowed.
/// A tool's own <c>$defs</c> move to the combined root (renamed per tool) and its <c>$ref</c>s follow,
/// so schemas generated with definitions (Pydantic's, say) still resolve once embedded.
/// </summary>
internal static class ToolCallSchema
{
    /// <summary>What a function declared without parameters takes: OpenAI reads that as an empty parameter list.</summary>
    private const string NoParameters = """{"type":"object","properties":{},"additionalProperties":false}""";

    public static string Build(IReadOnlyList<ToolDefinition> tools, ToolCallSyntax syntax)
    {
        if (tools.Count == 0) throw new ArgumentException("A call schema needs at least one tool.", nameof(tools));
        var definitions = new JsonObject();
        JsonObject schema;
        if (tools.Count == 1)
        {
            schema = CallObject(tools[0], syntax, $"#/properties/{syntax.ArgumentsKey}", "t0_", definitions);
        }
        else
        {
            var calls = tools.Select((t, i) => (JsonNode?)CallObject(t, syntax, $"#/anyOf/{i}/properties/{syntax.ArgumentsKey}", $"t{i}_", definitions));
            schema = new JsonObject { ["anyOf"] = new JsonArray(calls.ToArray()) };
        }
        if (definitions.Count > 0) schema["$defs"] = definitions;
        return schema.ToJsonString();
    }

    private static JsonObject CallObject(ToolDefinition tool, ToolCallSyntax syntax, string location, string prefix, JsonObject definitions) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            [syntax.NameKey] = new JsonObject { ["const"] = tool.Name },
            [syntax.ArgumentsKey] = Embed(tool.Parameters?.DeepClone() ?? JsonNode.Parse(NoParameters)!, location, prefix, definitions),
        },
        ["required"] = new JsonArray(syntax.NameKey, syntax.ArgumentsKey),
        ["additionalProperties"] = false,
    };

    private static JsonNode Embed(JsonNode parameters, string location, string prefix, JsonObject definitions)
    {
        if (parameters is JsonObject root)
        {
            foreach (var key in new[] { "$defs", "definitions" })
            {
                if (!root.Remove(key, out var moved) || moved is not JsonObject defs) continue;
                foreach (var (name, definition) in defs.ToArray())
                {
                    defs.Remove(name);
                    definitions[prefix + name] = definition;
                    RewriteReferences(definition, location, prefix);
                }
            }
        }
        RewriteReferences(parameters, location, prefix);
        return parameters;
    }

    private static void RewriteReferences(JsonNode? node, string location, string prefix)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array) RewriteReferences(item, location, prefix);
                break;
            case JsonObject obj:
                foreach (var (key, value) in obj.ToArray())
                {
                    if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target))
                        obj[key] = Relocate(target, location, prefix);
                    else if (key is not ("enum" or "const" or "default" or "examples"))
                        RewriteReferences(value, location, prefix);
                }
                break;
        }
    }

    // Pointers into the tool's definitions go to their renamed copies; other local pointers now start where the parameters sit.
    private static string Relocate(string reference, string location, string prefix)
    {
        foreach (var defs in new[] { "#/$defs/", "#/definitions/" })
            if (reference.StartsWith(defs, StringComparison.Ordinal)) return "#/$defs/" + prefix + reference[defs.Length..];
        if (reference == "#") return location;
        return reference.StartsWith("#/", StringComparison.Ordinal) ? location + reference[1..] : reference;
    }
}

using System.Text.Json.Nodes;

namespace Granary.Engine.Tools;

/// <summary>
/// The JSON Schema of one call object, for constrained decoding: per allowed tool
/// <c>{"type":"object","properties":{"name":{"const":"f"},"arguments":&lt;f's parameters&gt;},"required":["name","arguments"],"additionalProperties":false}</c>
/// (keys as the syntax names them, name first), and an <c>anyOf</c> of those when several tools are allowed.
/// </summary>
internal static class ToolCallSchema
{
    /// <summary>What a function declared without parameters takes: OpenAI reads that as an empty parameter list.</summary>
    private const string NoParameters = """{"type":"object","properties":{},"additionalProperties":false}""";

    public static string Build(IReadOnlyList<ToolDefinition> tools, ToolCallSyntax syntax)
    {
        if (tools.Count == 0) throw new ArgumentException("A call schema needs at least one tool.", nameof(tools));
        JsonNode schema = tools.Count == 1
            ? CallObject(tools[0], syntax)
            : new JsonObject { ["anyOf"] = new JsonArray(tools.Select(t => (JsonNode?)CallObject(t, syntax)).ToArray()) };
        return schema.ToJsonString();
    }

    private static JsonObject CallObject(ToolDefinition tool, ToolCallSyntax syntax) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            [syntax.NameKey] = new JsonObject { ["const"] = tool.Name },
            [syntax.ArgumentsKey] = tool.Parameters?.DeepClone() ?? JsonNode.Parse(NoParameters),
        },
        ["required"] = new JsonArray(syntax.NameKey, syntax.ArgumentsKey),
        ["additionalProperties"] = false,
    };
}

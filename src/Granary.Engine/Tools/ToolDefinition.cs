using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.Engine.Abstractions;

namespace Granary.Engine.Tools;

/// <summary>A function the request offers the model: its name and its parameters' JSON Schema (null when it takes none).</summary>
internal sealed record ToolDefinition(string Name, JsonObject? Parameters)
{
    /// <summary>Reads OpenAI's tools array (<c>[{"type": "function", "function": {"name", "parameters"}}]</c>).</summary>
    /// <exception cref="EngineRequestException">The array is not that shape (param <c>tools</c>).</exception>
    public static IReadOnlyList<ToolDefinition> ParseAll(string toolsJson)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(toolsJson);
        }
        catch (JsonException error)
        {
            throw Invalid($"they are not valid JSON ({error.Message})");
        }
        if (root is not JsonArray tools) throw Invalid("expected an array");

        var result = new List<ToolDefinition>(tools.Count);
        for (var i = 0; i < tools.Count; i++)
        {
            if (tools[i] is not JsonObject tool || (tool["type"] is not null && StringOf(tool["type"]) != "function"))
                throw Invalid($"tools[{i}] is not a function tool");
            if (tool["function"] is not JsonObject function || StringOf(function["name"]) is not { Length: > 0 } name)
                throw Invalid($"tools[{i}].function has no name");
            var parameters = function["parameters"];
            if (parameters is not (null or JsonObject)) throw Invalid($"tools[{i}].function.parameters is not an object");
            result.Add(new ToolDefinition(name, (JsonObject?)parameters));
        }
        return result;
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static EngineRequestException Invalid(string reason) => new($"Invalid tools: {reason}.", "tools");
}

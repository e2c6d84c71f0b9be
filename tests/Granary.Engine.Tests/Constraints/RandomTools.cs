using System.Text.Json.Nodes;
using Granary.Structured.Tests.Support;

namespace Granary.Engine.Tests.Constraints;

/// <summary>Tools with random parameter schemas, and a chat template small enough to call them on the tiny model.</summary>
internal static class RandomTools
{
    // Qwen's template writes every tool schema into the prompt, which overflows the tiny model's 512 tokens;
    // this one does not (the grammar, not the prompt, is under test), and its <tool_call> selects the Hermes format.
    public const string Template = "{# <tool_call> #}{% for m in messages %}{{ m.content }}{% endfor %}";

    public static JsonObject Tool(string name, JsonObject parameters) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = name, ["description"] = $"the {name} tool", ["parameters"] = parameters },
    };

    /// <summary>Tool parameters are objects: draws schemas until one is.</summary>
    public static JsonObject Parameters(RandomSchemas schemas)
    {
        while (true)
        {
            var schema = schemas.Next();
            if (schema["type"] is JsonValue type && type.ToJsonString() == "\"object\"") return schema;
        }
    }
}

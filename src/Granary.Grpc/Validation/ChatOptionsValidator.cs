using System.Text.Json;
using Granary.Grpc.Errors;

namespace Granary.Grpc.Validation;

/// <summary>
/// Checks the JSON-text fields of a chat (tools, template kwargs) and the generation-prompt flags, so
/// that mistakes come back naming the field instead of as template errors.
/// </summary>
internal static class ChatOptionsValidator
{
    public static void Validate(string toolsJson, string chatTemplateKwargsJson, bool addGenerationPrompt, bool continueFinalMessage)
    {
        if (toolsJson.Length > 0)
        {
            ValidateTools(toolsJson);
        }

        if (chatTemplateKwargsJson.Length > 0)
        {
            using var kwargs = Parse(chatTemplateKwargsJson, "chat_template_kwargs_json");
            if (kwargs.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw InvalidArgument.Value("chat_template_kwargs_json", "expected a JSON object.");
            }
        }

        if (addGenerationPrompt && continueFinalMessage)
        {
            throw InvalidArgument.Value("continue_final_message",
                "'continue_final_message' and 'add_generation_prompt' cannot both be true.");
        }
    }

    /// <summary>OpenAI's shape: an array of <c>{"type": "function", "function": {"name": ...}}</c>.</summary>
    private static void ValidateTools(string toolsJson)
    {
        using var tools = Parse(toolsJson, "tools_json");
        if (tools.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw InvalidArgument.Value("tools_json", "expected a JSON array of tools.");
        }

        var i = 0;
        foreach (var tool in tools.RootElement.EnumerateArray())
        {
            var path = $"tools_json[{i++}]";
            if (tool.ValueKind != JsonValueKind.Object
                || !tool.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function")
            {
                throw InvalidArgument.Value(path, "expected an object with \"type\": \"function\".");
            }

            if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
            {
                throw InvalidArgument.Value($"{path}.function", "expected an object with a non-empty \"name\".");
            }
        }
    }

    private static JsonDocument Parse(string json, string field)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw InvalidArgument.Value(field, $"not valid JSON ({ex.Message})");
        }
    }
}

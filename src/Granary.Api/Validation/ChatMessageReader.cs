using System.Text.Json;
using Granary.Api.Errors;
using Granary.Api.Protocol;

namespace Granary.Api.Validation;

/// <summary>
/// Reads the messages array. Unknown keys are rejected by path, as at the top level; the fields OpenAI
/// defines or returns on a message (clients send whole assistant replies back: refusal, annotations,
/// audio, function_call) are accepted, type-checked and ignored.
/// </summary>
internal static class ChatMessageReader
{
    public static ChatMessageParam[] ReadAll(JsonObjectReader body)
    {
        var messages = body.Array("messages") ?? throw RequestErrors.Missing("messages");
        if (messages.GetArrayLength() == 0)
        {
            throw RequestErrors.EmptyArray("messages");
        }

        return messages.EnumerateArray().Select((m, i) => Read(new JsonObjectReader(m, $"messages[{i}]"))).ToArray();
    }

    private static ChatMessageParam Read(JsonObjectReader message)
    {
        var role = message.RequiredString("role");
        if (!ChatMessageParam.Roles.Contains(role))
        {
            throw ApiException.BadRequest(
                $"Invalid value: '{role}'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'.",
                message.ParamOf("role"), "invalid_value");
        }

        var isAssistant = role == "assistant";
        var toolCalls = isAssistant ? ReadToolCalls(message) : null;
        var (content, parts) = ReadContent(message, role);
        if (content is null && parts is null && !isAssistant)
        {
            throw RequestErrors.Missing(message.ParamOf("content"));
        }

        var toolCallId = message.String("tool_call_id");
        if (role == "tool" && toolCallId is null)
        {
            throw RequestErrors.Missing(message.ParamOf("tool_call_id"));
        }

        var result = new ChatMessageParam
        {
            Role = role,
            Content = content,
            Parts = parts,
            Name = message.String("name"),
            ToolCalls = toolCalls,
            ToolCallId = toolCallId,
            // vLLM reads reasoning_content; newer clients send it back as "reasoning".
            ReasoningContent = isAssistant ? message.String("reasoning_content") ?? message.String("reasoning") : null,
        };
        if (isAssistant)
        {
            ReadIgnoredAssistantFields(message);
        }

        message.RejectUnread();
        return result;
    }

    /// <summary>What an assistant reply carries that a prompt has no use for.</summary>
    private static void ReadIgnoredAssistantFields(JsonObjectReader message)
    {
        message.String("refusal");
        message.Array("annotations");
        message.Object("audio");
        message.Object("function_call");
    }

    private static (string? Content, ContentPartParam[]? Parts) ReadContent(JsonObjectReader message, string role)
    {
        var content = message.Value("content");
        var param = message.ParamOf("content");
        switch (content?.ValueKind)
        {
            case null:
                return (null, null);
            case JsonValueKind.String:
                return (content.Value.GetString(), null);
            case JsonValueKind.Array when content.Value.GetArrayLength() == 0:
                throw RequestErrors.EmptyArray(param);
            case JsonValueKind.Array:
                return (null, content.Value.EnumerateArray()
                    .Select((part, i) => ReadPart(new JsonObjectReader(part, $"{param}[{i}]"), role))
                    .ToArray());
            default:
                throw RequestErrors.InvalidType(param, "a string or an array of content parts", JsonKinds.Describe(content.Value));
        }
    }

    private static ContentPartParam ReadPart(JsonObjectReader part, string role)
    {
        var type = part.RequiredString("type");
        switch (type)
        {
            case ContentPartParam.TextType:
                var text = part.RequiredString("text");
                part.RejectUnread();
                return new ContentPartParam(type, text, null);
            case ContentPartParam.ImageUrlType when role != "user":
                throw RequestErrors.InvalidValue(part.ParamOf("type"), $"image_url parts are only allowed in user messages, not in '{role}' messages.");
            case ContentPartParam.ImageUrlType:
                var image = part.Value("image_url") ?? throw RequestErrors.Missing(part.ParamOf("image_url"));
                // OpenAI sends {"url": ...}; vLLM also takes the URL as a bare string.
                var url = image.ValueKind == JsonValueKind.String ? image.GetString()! : ReadImageUrl(new JsonObjectReader(image, part.ParamOf("image_url")));
                part.RejectUnread();
                return new ContentPartParam(type, null, url);
            default:
                throw RequestErrors.InvalidValue(part.ParamOf("type"), $"'{type}'. Supported values are: 'text' and 'image_url'.");
        }
    }

    private static string ReadImageUrl(JsonObjectReader image)
    {
        var url = image.RequiredString("url");
        image.String("detail"); // OpenAI's resolution hint
        image.RejectUnread();
        return url;
    }

    private static ToolCallParam[]? ReadToolCalls(JsonObjectReader message)
    {
        var calls = message.Array("tool_calls");
        return calls?.EnumerateArray().Select((c, i) => ReadToolCall(new JsonObjectReader(c, message.ParamOf($"tool_calls[{i}]")))).ToArray();
    }

    private static ToolCallParam ReadToolCall(JsonObjectReader call)
    {
        var id = call.RequiredString("id");
        var type = call.String("type") ?? "function";
        if (type != "function")
        {
            throw RequestErrors.InvalidValue(call.ParamOf("type"), $"'{type}'. Supported values are: 'function'.");
        }

        var function = call.Object("function") ?? throw RequestErrors.Missing(call.ParamOf("function"));
        var name = function.RequiredString("name");
        var arguments = function.Value("arguments") ?? throw RequestErrors.Missing(function.ParamOf("arguments"));
        // Arguments are JSON text on the wire; some clients send the object itself, which means the same.
        var argumentsText = arguments.ValueKind switch
        {
            JsonValueKind.String => arguments.GetString()!,
            JsonValueKind.Object => arguments.GetRawText(),
            _ => throw RequestErrors.InvalidType(function.ParamOf("arguments"), "a string", JsonKinds.Describe(arguments)),
        };
        function.RejectUnread();
        call.Integer("index"); // a streamed call's position: clients that assemble deltas send it back
        call.RejectUnread();
        return new ToolCallParam(id, name, argumentsText);
    }
}

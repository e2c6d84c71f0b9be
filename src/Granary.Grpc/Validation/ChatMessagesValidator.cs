using Google.Protobuf.Collections;
using Granary.Grpc.Errors;
using Granary.Grpc.V1;

namespace Granary.Grpc.Validation;

/// <summary>The HTTP API's rules for chat messages, applied to <see cref="V1.ChatMessage"/>s.</summary>
internal static class ChatMessagesValidator
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    public static void Validate(RepeatedField<ChatMessage> messages)
    {
        if (messages.Count == 0)
        {
            throw InvalidArgument.EmptyList("messages");
        }

        for (var i = 0; i < messages.Count; i++)
        {
            Validate(messages[i], $"messages[{i}]");
        }
    }

    private static void Validate(ChatMessage message, string path)
    {
        if (message.Role.Length == 0)
        {
            throw InvalidArgument.Missing($"{path}.role");
        }

        if (!Roles.Contains(message.Role))
        {
            throw InvalidArgument.Value($"{path}.role",
                $"'{message.Role}'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'.");
        }

        if (message.HasContent && message.Parts.Count > 0)
        {
            throw InvalidArgument.Value($"{path}.parts", "set either content or parts, not both.");
        }

        var isAssistant = message.Role == "assistant";
        if (!message.HasContent && message.Parts.Count == 0 && !isAssistant)
        {
            throw InvalidArgument.Missing($"{path}.content");
        }

        for (var j = 0; j < message.Parts.Count; j++)
        {
            ValidatePart(message.Parts[j], message.Role, $"{path}.parts[{j}]");
        }

        if (message.ToolCalls.Count > 0 && !isAssistant)
        {
            throw InvalidArgument.Value($"{path}.tool_calls", $"only assistant messages carry tool calls, not '{message.Role}' messages.");
        }

        for (var j = 0; j < message.ToolCalls.Count; j++)
        {
            ValidateToolCall(message.ToolCalls[j], $"{path}.tool_calls[{j}]");
        }

        if (message.Role == "tool" && message.ToolCallId.Length == 0)
        {
            throw InvalidArgument.Missing($"{path}.tool_call_id");
        }
    }

    private static void ValidatePart(ContentPart part, string role, string path)
    {
        switch (part.PartCase)
        {
            case ContentPart.PartOneofCase.None:
                throw InvalidArgument.Value(path, "a content part needs text or image_url.");
            case ContentPart.PartOneofCase.ImageUrl when role != "user":
                throw InvalidArgument.Value($"{path}.image_url", $"image_url parts are only allowed in user messages, not in '{role}' messages.");
            case ContentPart.PartOneofCase.ImageUrl when part.ImageUrl.Length == 0:
                throw InvalidArgument.Missing($"{path}.image_url");
        }
    }

    private static void ValidateToolCall(ToolCall call, string path)
    {
        if (call.Id.Length == 0)
        {
            throw InvalidArgument.Missing($"{path}.id");
        }

        if (call.Name.Length == 0)
        {
            throw InvalidArgument.Missing($"{path}.name");
        }
    }
}

namespace Granary.Engine.Abstractions;

/// <summary>One chat turn as the chat template sees it.</summary>
[GenerateSerializer, Immutable, Alias("granary.chat-message")]
public sealed record ChatMessage
{
    [Id(0)] public required string Role { get; init; }

    /// <summary>Plain text content; null when the message has only parts or only tool calls.</summary>
    [Id(1)] public string? Content { get; init; }

    /// <summary>Content given as typed parts (text, image_url).</summary>
    [Id(2)] public ContentPart[]? Parts { get; init; }

    [Id(3)] public string? Name { get; init; }
    [Id(4)] public ToolCall[]? ToolCalls { get; init; }
    [Id(5)] public string? ToolCallId { get; init; }
    [Id(6)] public string? ReasoningContent { get; init; }
}

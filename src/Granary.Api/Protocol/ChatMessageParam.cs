using Granary.Engine.Abstractions;

namespace Granary.Api.Protocol;

/// <summary>One message of a chat request: content is a string, a list of parts, or absent.</summary>
internal sealed record ChatMessageParam
{
    public static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    public required string Role { get; init; }
    public string? Content { get; init; }
    public ContentPartParam[]? Parts { get; init; }
    public string? Name { get; init; }
    public ToolCallParam[]? ToolCalls { get; init; }
    public string? ToolCallId { get; init; }
    public string? ReasoningContent { get; init; }

    /// <summary>The message's text, parts joined, for echoing it back (vLLM's chat echo).</summary>
    public string Text => Content ?? string.Concat((Parts ?? []).Where(p => p.Type == ContentPartParam.TextType).Select(p => p.Text));

    public ChatMessage ToChatMessage() => new()
    {
        Role = Role,
        Content = Content,
        Parts = Parts?.Select(p => p.ToContentPart()).ToArray(),
        Name = Name,
        ToolCalls = ToolCalls?.Select(c => c.ToToolCall()).ToArray(),
        ToolCallId = ToolCallId,
        ReasoningContent = ReasoningContent,
    };
}

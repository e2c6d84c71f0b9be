using System.Text.Json.Nodes;

namespace Granary.Api.OpenApi.Requests;

/// <summary>One entry of <c>messages</c> as ChatMessageReader accepts it.</summary>
internal sealed record ChatMessageBody
{
    /// <summary>system, developer, user, assistant or tool.</summary>
    public required string Role { get; init; }

    [OneOf(typeof(string), typeof(ContentPartBody[]))]
    public JsonNode? Content { get; init; }

    public string? Name { get; init; }
    public IReadOnlyList<ToolCallBody>? ToolCalls { get; init; }
    public string? ToolCallId { get; init; }
    public string? ReasoningContent { get; init; }
    public string? Reasoning { get; init; }
    public string? Refusal { get; init; }
}

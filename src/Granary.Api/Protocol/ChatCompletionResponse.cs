namespace Granary.Api.Protocol;

/// <summary>A whole /v1/chat/completions answer.</summary>
internal sealed record ChatCompletionResponse
{
    public required string Id { get; init; }
    public string Object => "chat.completion";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<ChatChoice> Choices { get; init; }
    public required Usage Usage { get; init; }
}

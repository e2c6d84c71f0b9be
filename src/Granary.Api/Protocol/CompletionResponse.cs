namespace Granary.Api.Protocol;

/// <summary>A whole /v1/completions answer.</summary>
internal sealed record CompletionResponse
{
    public required string Id { get; init; }
    public string Object => "text_completion";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<CompletionChoice> Choices { get; init; }
    public required Usage Usage { get; init; }
}

using System.Text.Json.Serialization;

namespace Granary.Api.Protocol;

/// <summary>One streamed /v1/completions event (the legacy API names chunks "text_completion" too).</summary>
internal sealed record CompletionChunk : IStreamChunk
{
    public required string Id { get; init; }
    public string Object => "text_completion";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<CompletionChoice> Choices { get; init; }
    public Usage? Usage { get; init; }

    [JsonIgnore]
    public bool IncludeUsage { get; init; }
}

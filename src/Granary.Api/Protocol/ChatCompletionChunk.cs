using System.Text.Json.Serialization;

namespace Granary.Api.Protocol;

/// <summary>One streamed /v1/chat/completions event.</summary>
internal sealed record ChatCompletionChunk : IStreamChunk
{
    public required string Id { get; init; }
    public string Object => "chat.completion.chunk";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<ChatChunkChoice> Choices { get; init; }
    public Usage? Usage { get; init; }

    [JsonIgnore]
    public bool IncludeUsage { get; init; }
}

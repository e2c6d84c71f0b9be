namespace Granary.Engine.Abstractions;

/// <summary>A typed piece of message content: "text" with Text, or "image_url" with Url.</summary>
[GenerateSerializer, Immutable, Alias("granary.content-part")]
public sealed record ContentPart
{
    [Id(0)] public required string Type { get; init; }
    [Id(1)] public string? Text { get; init; }
    [Id(2)] public string? Url { get; init; }
}

namespace Granary.Engine.Abstractions;

/// <summary>
/// A typed piece of message content: "text" with Text, or "image_url" with Url (a data: URL, or an
/// http(s) URL whose bytes the server fetched into Data).
/// </summary>
[GenerateSerializer, Immutable, Alias("granary.content-part")]
public sealed record ContentPart
{
    [Id(0)] public required string Type { get; init; }
    [Id(1)] public string? Text { get; init; }
    [Id(2)] public string? Url { get; init; }

    /// <summary>The image's encoded bytes (PNG, JPEG…) when the server fetched Url; null for data: URLs, which carry their own.</summary>
    [Id(3)] public byte[]? Data { get; init; }
}

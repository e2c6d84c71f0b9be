using Granary.Engine.Abstractions;

namespace Granary.Api.Protocol;

/// <summary>A typed piece of message content on the wire: text, or an image by URL (https or data:).</summary>
internal sealed record ContentPartParam(string Type, string? Text, string? ImageUrl)
{
    /// <summary>An http(s) image's bytes, once the server fetched them.</summary>
    public byte[]? Data { get; init; }

    public const string TextType = "text";
    public const string ImageUrlType = "image_url";

    public ContentPart ToContentPart() => new() { Type = Type, Text = Text, Url = ImageUrl, Data = Data };
}

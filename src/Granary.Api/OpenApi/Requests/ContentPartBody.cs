using System.Text.Json.Nodes;

namespace Granary.Api.OpenApi.Requests;

/// <summary>A part of a message's content: <c>{"type":"text","text":…}</c> or <c>{"type":"image_url","image_url":{"url":…}}</c>.</summary>
internal sealed record ContentPartBody
{
    public required string Type { get; init; }
    public string? Text { get; init; }

    [OneOf(typeof(ImageUrlBody), typeof(string))]
    public JsonNode? ImageUrl { get; init; }
}

namespace Granary.Api.OpenApi.Requests;

/// <summary>An image part's <c>image_url</c>: an https or data: URL, and OpenAI's resolution hint.</summary>
internal sealed record ImageUrlBody(string Url, string? Detail);

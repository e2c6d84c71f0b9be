namespace Granary.Api;

/// <summary>How the HTTP front end is configured by the server that composes it.</summary>
public sealed class GranaryApiOptions
{
    /// <summary>
    /// Bearer keys accepted on every non-health endpoint. Empty means the API is open, as vLLM is
    /// without --api-key.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Keys with the models they may use and their per-minute limits (--api-keys-file).</summary>
    public IList<Authentication.ApiKeyDefinition> ScopedApiKeys { get; } = [];

    /// <summary>Whether and how http(s) image URLs in chat messages are fetched.</summary>
    public Images.ImageUrlOptions ImageUrls { get; } = new();
}

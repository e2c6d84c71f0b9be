using Granary.Serving.Authentication;

namespace Granary.Serving;

/// <summary>What both front ends share from the server that composes them: the accepted API keys.</summary>
public sealed class ServingOptions
{
    /// <summary>
    /// Bearer keys accepted on every non-health endpoint and gRPC call. Empty (with no scoped keys)
    /// means the API is open, as vLLM is without --api-key.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Keys with the models they may use and their per-minute limits (--api-keys-file).</summary>
    public IList<ApiKeyDefinition> ScopedApiKeys { get; } = [];
}

using System.Threading.RateLimiting;
using Granary.Engine.Abstractions;

namespace Granary.Serving.Authentication;

/// <summary>
/// What one authenticated key may do, checked the same way by the HTTP and gRPC front ends: which
/// models it may use, and its requests and tokens per minute on this gateway.
/// </summary>
public sealed class ApiKeyGrant
{
    private readonly ApiKeyDefinition _key;
    private readonly KeyRateLimiters? _limiters;

    internal ApiKeyGrant(ApiKeyDefinition key, KeyRateLimiters? limiters)
    {
        _key = key;
        _limiters = key.IsLimited ? limiters : null;
    }

    /// <summary>The grant of an open API (no keys configured) or of an unscoped --api-key key.</summary>
    public static ApiKeyGrant Unrestricted { get; } = new(new ApiKeyDefinition(""), null);

    /// <summary>Whether responses carry x-ratelimit-* headers.</summary>
    public bool IsLimited => _limiters is not null;

    public bool MayUse(string model) => _key.Models is not { } models || models.Contains(model, StringComparer.Ordinal);

    public AccessDenial? CheckModel(string model) => MayUse(model)
        ? null
        : new AccessDenial(AccessDenialReason.ModelNotAllowed, $"This API key is not allowed to use the model '{model}'.",
            "invalid_request_error", "model_not_allowed", "model", null);

    /// <summary>A tokenizer call: the model must be allowed, and it counts as one request.</summary>
    public AccessDenial? AdmitRequest(string model) => CheckModel(model) ?? Admit(0);

    /// <summary>A generation: the model must be allowed, it counts as one request and is charged <see cref="TokenEstimate"/> tokens.</summary>
    public AccessDenial? AdmitGeneration(string model, IReadOnlyList<GenerationRequest> requests) =>
        CheckModel(model) ?? (_limiters is null ? null : Admit(TokenEstimate.Of(requests)));

    /// <summary>The x-ratelimit-* headers (or trailers) for the limits this key has, as they stand now.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RateLimitHeaderValues() =>
        _limiters is null ? [] : [.. Headers(_limiters.Requests, RateLimitHeaders.LimitRequests, RateLimitHeaders.RemainingRequests, RateLimitHeaders.ResetRequests),
            .. Headers(_limiters.Tokens, RateLimitHeaders.LimitTokens, RateLimitHeaders.RemainingTokens, RateLimitHeaders.ResetTokens)];

    private AccessDenial? Admit(long tokens)
    {
        if (_limiters is null)
        {
            return null;
        }

        var tokenLimit = _limiters.Tokens.LimitOf(_key);
        if (tokens > tokenLimit)
        {
            // Waiting cannot help: no Retry-After, so that clients do not retry it.
            return Limited($"Request too large for tokens per minute (TPM) on this API key: limit {tokenLimit}, requested {tokens} "
                + "(the prompt at ~4 characters a token plus max_tokens for every choice). Reduce the prompt, max_tokens or n.",
                "tokens", "request_too_large", null);
        }

        // Spend nothing when the request limit is already reached, so a refused request costs no tokens.
        var requestLimit = _limiters.Requests.LimitOf(_key);
        if (requestLimit is null || _limiters.Requests.Remaining(_key) >= 1)
        {
            if (tokenLimit is { } limit && tokens > 0)
            {
                using var tokenLease = _limiters.Tokens.Acquire(_key, (int)tokens);
                if (!tokenLease.IsAcquired)
                {
                    return Limited($"Rate limit reached for tokens per minute (TPM) on this API key: limit {limit}, "
                        + $"remaining {_limiters.Tokens.Remaining(_key)}, requested {tokens}.", "tokens", "rate_limit_exceeded", RetryAfter(tokenLease));
                }
            }
        }

        if (requestLimit is null)
        {
            return null;
        }

        using var requestLease = _limiters.Requests.Acquire(_key, 1);
        return requestLease.IsAcquired
            ? null
            : Limited($"Rate limit reached for requests per minute (RPM) on this API key: limit {requestLimit}.",
                "requests", "rate_limit_exceeded", RetryAfter(requestLease));
    }

    private IEnumerable<KeyValuePair<string, string>> Headers(PerMinuteLimiter limiter, string limitName, string remainingName, string resetName)
    {
        if (limiter.LimitOf(_key) is not { } limit)
        {
            yield break;
        }

        yield return new(limitName, limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new(remainingName, limiter.Remaining(_key).ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new(resetName, RateLimitHeaders.Duration(limiter.UntilFull(_key, limit)));
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);

    private static AccessDenial Limited(string message, string type, string code, TimeSpan? retryAfter) =>
        new(AccessDenialReason.RateLimited, retryAfter is { } wait ? $"{message} Please try again in {RateLimitHeaders.Duration(wait)}." : message,
            type, code, null, retryAfter);
}

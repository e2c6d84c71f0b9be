using System.Security.Cryptography;
using System.Text;
using Granary.Serving;
using Microsoft.Extensions.Options;

namespace Granary.Serving.Authentication;

/// <summary>
/// The configured keys (<see cref="ServingOptions.ApiKeys"/>, unscoped and unlimited, and
/// <see cref="ServingOptions.ScopedApiKeys"/>) and their limiters: one per process, so a key's
/// limits are shared by its HTTP and gRPC calls on this gateway.
/// </summary>
public sealed class ApiKeyPolicy : IDisposable
{
    private const string BearerPrefix = "Bearer ";

    private readonly (byte[] Key, ApiKeyGrant Grant)[] _keys;
    private readonly KeyRateLimiters? _limiters;

    public ApiKeyPolicy(IOptions<ServingOptions> options)
    {
        // Scoped keys first: a key listed both ways keeps its scope and limits.
        var keys = options.Value.ScopedApiKeys
            .Concat(options.Value.ApiKeys.Where(k => k.Length > 0).Select(k => new ApiKeyDefinition(k)))
            .DistinctBy(d => d.Key, StringComparer.Ordinal)
            .ToArray();

        // No limiters (nor their refill timer) unless some key has a limit.
        _limiters = keys.Any(k => k.IsLimited) ? new KeyRateLimiters() : null;
        _keys = keys.Select(d => (Encoding.UTF8.GetBytes(d.Key), new ApiKeyGrant(d, _limiters))).ToArray();
    }

    /// <summary>No keys configured: every request passes, as vLLM without --api-key.</summary>
    public bool IsOpen => _keys.Length == 0;

    /// <summary>The key of an <c>authorization: Bearer KEY</c> value (scheme case-insensitive); null without one.</summary>
    public static string? BearerToken(string? authorization) =>
        authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[BearerPrefix.Length..].Trim()
            : null;

    /// <summary>The grant of a presented key, or null when it is not one of ours.</summary>
    public ApiKeyGrant? Find(string presented)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        ApiKeyGrant? found = null;
        // Every key compared in fixed time, so that timing reveals neither how much of a key matched nor which.
        foreach (var (key, grant) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(key, bytes))
            {
                found = grant;
            }
        }

        return found;
    }

    public void Dispose() => _limiters?.Dispose();
}

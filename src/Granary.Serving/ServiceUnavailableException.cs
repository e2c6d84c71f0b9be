namespace Granary.Serving;

/// <summary>
/// The model is known but cannot take the request right now; reported as 503 with
/// <c>Retry-After</c>, and an error code saying why (see <see cref="UnavailableCodes"/>).
/// </summary>
public sealed class ServiceUnavailableException(string message, string code = UnavailableCodes.NoReplica, int retryAfterSeconds = 1)
    : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>When the client may sensibly try again.</summary>
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

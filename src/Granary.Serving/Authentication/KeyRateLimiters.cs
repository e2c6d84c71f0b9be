namespace Granary.Serving.Authentication;

/// <summary>The two per-minute budgets of every limited key on this gateway, shared by HTTP and gRPC.</summary>
internal sealed class KeyRateLimiters : IDisposable
{
    public PerMinuteLimiter Requests { get; } = new(key => key.RequestsPerMinute);

    public PerMinuteLimiter Tokens { get; } = new(key => key.TokensPerMinute);

    public void Dispose()
    {
        Requests.Dispose();
        Tokens.Dispose();
    }
}

using System.Threading.RateLimiting;

namespace Granary.Serving.Authentication;

/// <summary>
/// One per-minute budget (requests or tokens) for every key that has one: a token bucket per key,
/// partitioned by key. A bucket holds a minute's worth and refills continuously (one permit every
/// minute/limit), as OpenAI's limits do, so the reset time is computable from what remains.
/// </summary>
internal sealed class PerMinuteLimiter(Func<ApiKeyDefinition, int?> limitOf) : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    // AutoReplenishment is forced off per partition: the partitioned limiter refills every bucket from one timer.
    private readonly PartitionedRateLimiter<ApiKeyDefinition> _limiter = PartitionedRateLimiter.Create<ApiKeyDefinition, string>(key =>
        limitOf(key) is { } limit
            ? RateLimitPartition.GetTokenBucketLimiter(key.Key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = PermitPeriod(limit),
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(key.Key));

    public int? LimitOf(ApiKeyDefinition key) => limitOf(key);

    /// <summary>Takes <paramref name="permits"/> (at most the key's limit) or none; a failed lease says when to retry.</summary>
    public RateLimitLease Acquire(ApiKeyDefinition key, int permits) => _limiter.AttemptAcquire(key, permits);

    public long Remaining(ApiKeyDefinition key) => _limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0;

    /// <summary>How long until the key's bucket is full again.</summary>
    public TimeSpan UntilFull(ApiKeyDefinition key, int limit) => PermitPeriod(limit) * Math.Max(0, limit - Remaining(key));

    public void Dispose() => _limiter.Dispose();

    private static TimeSpan PermitPeriod(int limit) => TimeSpan.FromTicks(Math.Max(1, Minute.Ticks / limit));
}

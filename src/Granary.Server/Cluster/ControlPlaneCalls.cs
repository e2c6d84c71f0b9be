namespace Granary.Server.Cluster;

/// <summary>
/// Retries calls to routing grains while the silo that hosted them is being declared dead and
/// they re-activate elsewhere (seconds), instead of failing the client's request.
/// </summary>
internal static class ControlPlaneCalls
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Patience;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception error) when (IsTransient(error) && DateTime.UtcNow + delay < deadline)
            {
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }

    /// <summary>The callee's silo is gone or unreachable: the call may succeed once membership catches up.</summary>
    public static bool IsTransient(Exception error) =>
        error is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or EnumerationAbortedException
        || (error is OrleansException && error.InnerException is not null && IsTransient(error.InnerException));
}

using Microsoft.Extensions.Options;

namespace Granary.Server.Hosting;

/// <summary>
/// Bounds a graceful shutdown. Requests get the drain timeout and the silo its margin; but Orleans
/// waits a fixed minute per step for a membership store it cannot reach (measured: 122 s after
/// SIGTERM with Redis gone), which would outlast any pod's grace period and stall rollouts. Past the
/// host's shutdown timeout the process exits anyway: its requests are done or handed over by then.
/// </summary>
internal sealed class ShutdownDeadline(IHostApplicationLifetime lifetime, IOptions<HostOptions> host, ILogger<ShutdownDeadline> logger) : IHostedService
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);
    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(() => _ = ExitAfterDeadlineAsync(host.Value.ShutdownTimeout + Margin));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ExitAfterDeadlineAsync(TimeSpan deadline)
    {
        await Task.Delay(deadline);
        logger.LogWarning("Shutdown still running after {Seconds:0}s (is the membership store unreachable?); exiting without it", deadline.TotalSeconds);
        Environment.Exit(0);
    }
}

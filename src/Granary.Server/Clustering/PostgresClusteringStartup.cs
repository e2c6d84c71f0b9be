using System.Diagnostics;
using Granary.Server.CommandLine;

namespace Granary.Server.Clustering;

/// <summary>
/// Before anything starts (IHostedLifecycleService.StartingAsync runs ahead of every StartAsync, the silo's included),
/// makes sure the PostgreSQL membership database is reachable and holds Orleans' clustering schema, creating it with
/// --clustering-init. Without this, Orleans would fail deep inside silo start-up with a wall of stack traces.
/// </summary>
internal sealed class PostgresClusteringStartup(ServerOptions options, ILogger<PostgresClusteringStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var schema = new PostgresClusteringSchema(options.Cluster.Connection!);
        var clock = Stopwatch.StartNew();
        if (await schema.EnsureAsync(options.Cluster.CreateSchema, cancellationToken))
            logger.LogInformation("Created Orleans' clustering schema in {Database} in {Milliseconds} ms", schema.Target, clock.ElapsedMilliseconds);
        else
            logger.LogInformation("Membership database {Database}: Orleans' clustering schema present (checked in {Milliseconds} ms)", schema.Target, clock.ElapsedMilliseconds);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Granary.Grains.Hosting;

/// <summary>On a worker silo, once the silo is up: starts each model's standing replicas, one after another.</summary>
internal sealed class EngineLoader(IOptions<WorkerOptions> options, ReplicaLauncher launcher, ILogger<EngineLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var model in options.Value.Models)
        for (var index = 0; index < options.Value.ReplicasPerModel; index++)
        {
            try
            {
                await launcher.StartAsync(model, index, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Replica {Index} of {Model} failed to start", index, model.Name);
                throw;
            }
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Granary.Grains.Hosting;

/// <summary>
/// On a worker silo, once the silo is up: starts each model's standing replicas, one after another. A model
/// that cannot start (folder missing, unsupported architecture, no CUDA, a bad limit) is fatal: one line saying
/// why, and the process stops with exit code 1 rather than serve without it.
/// </summary>
internal sealed class EngineLoader(IOptions<WorkerOptions> options, ReplicaLauncher launcher, IHostApplicationLifetime lifetime, ILogger<EngineLoader> logger)
    : BackgroundService
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
                // The message says what is wrong; a stack trace (the host would print it twice more) does not.
                logger.LogCritical("Cannot serve {Model} from {Path}: {Reason}", model.Name, model.ModelPath, StartupErrors.Describe(error));
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                return;
            }
        }
    }
}

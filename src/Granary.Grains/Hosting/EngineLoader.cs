using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Grains.Abstractions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Granary.Grains.Hosting;

/// <summary>
/// On a worker silo, once the silo is up: loads each model's engines (reporting progress), warms
/// each one up with a one-token generation, and starts its replica grain, which joins the router.
/// </summary>
internal sealed class EngineLoader(
    IOptions<WorkerOptions> options,
    EngineHost host,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    ILoggerFactory loggers,
    ILogger<EngineLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var model in options.Value.Models)
        for (var index = 0; index < options.Value.ReplicasPerModel; index++)
        {
            stoppingToken.ThrowIfCancellationRequested();
            var key = new ReplicaKey(model.Name, silo.SiloAddress.ToParsableString(), index);
            try
            {
                await StartReplica(key, model, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Replica {Replica} failed to start", key);
                throw;
            }
        }
    }

    private async Task StartReplica(ReplicaKey key, EngineOptions model, CancellationToken cancellationToken)
    {
        logger.LogInformation("Loading {Model} from {Path} on {Device} (replica {Index})", model.Name, model.ModelPath, model.Device, key.Index);
        var lastReported = -1;
        var progress = new Progress<double>(fraction =>
        {
            var percent = (int)(fraction * 100);
            if (percent / 10 == lastReported / 10) return;
            lastReported = percent;
            logger.LogInformation("Loading {Model}: {Percent}%", model.Name, percent);
        });
        var engine = await LlmEngine.StartAsync(model, loggers, progress);
        host.Add(key, engine);
        await WarmUp(engine, cancellationToken);
        var status = await grains.GetGrain<IModelReplicaGrain>(key.ToString()).Start();
        host.MarkJoined(key);
        logger.LogInformation("Serving {Model} (replica {Index}, max model length {MaxModelLength})", model.Name, key.Index, status.Card.MaxModelLength);
    }

    // Readiness means a replica has produced a token; this also runs the first forward pass early.
    private static async Task WarmUp(IEngine engine, CancellationToken cancellationToken)
    {
        var request = new GenerationRequest
        {
            RequestId = "warmup",
            Prompt = PromptInput.FromText("Hello"),
            Sampling = new SamplingParams { Temperature = 0, MaxTokens = 1, MaxTokensExplicit = true, IgnoreEos = true },
        };
        await foreach (var _ in engine.GenerateAsync(request, cancellationToken))
        {
        }
    }
}

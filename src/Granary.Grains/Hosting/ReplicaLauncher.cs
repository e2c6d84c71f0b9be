using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Grains.Abstractions;
using Microsoft.Extensions.Logging;

namespace Granary.Grains.Hosting;

/// <summary>
/// Starts a replica (load its engine with progress, warm it up with a one-token generation, start
/// its grain so it joins the router) and retires one (leave the router, finish in-flight work, free
/// the engine).
/// </summary>
internal sealed class ReplicaLauncher(EngineHost host, IGrainFactory grains, ILocalSiloDetails silo, ILoggerFactory loggers, ILogger<ReplicaLauncher> logger)
{
    public ReplicaKey KeyFor(EngineOptions model, int index) => new(model.Name, silo.SiloAddress.ToParsableString(), index);

    public async Task StartAsync(EngineOptions model, int index, CancellationToken cancellationToken)
    {
        var key = KeyFor(model, index);
        logger.LogInformation("Loading {Model} from {Path} on {Device} (replica {Index})", model.Name, model.ModelPath, model.Device, index);
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
        logger.LogInformation("Serving {Model} (replica {Index}, max model length {MaxModelLength})", model.Name, index, status.Card.MaxModelLength);
    }

    public async Task RetireAsync(ReplicaKey key, CancellationToken cancellationToken)
    {
        await grains.GetGrain<IModelReplicaGrain>(key.ToString()).Retire();
        var engine = host.Find(key.ToString());
        while (engine is not null && engine.GetStats().QueueDepth > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        await host.RemoveAsync(key);
        logger.LogInformation("Retired {Model} replica {Index}", key.Model, key.Index);
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

using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;
using Microsoft.Extensions.Logging;

namespace Granary.Grains.Hosting;

/// <summary>
/// Starts a replica (load its engine with progress, warm it up with a one-token generation, start
/// its grain so it joins the routing tables) and retires one (drain, hand over what is left, free
/// the engine).
/// </summary>
internal sealed class ReplicaLauncher(EngineHost host, ReplicaTables tables, ILocalSiloDetails silo, ILoggerFactory loggers, ILogger<ReplicaLauncher> logger)
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
        var engine = await LlmEngine.StartAsync(model, loggers, progress, index);
        var replica = host.Add(key, engine);
        await WarmUp(engine, cancellationToken);
        replica.Join();
        await tables.Heartbeat(replica.Status());
        logger.LogInformation("Serving {Model} (replica {Index}, max model length {MaxModelLength})", model.Name, index, engine.Card.MaxModelLength);
    }

    /// <summary>
    /// Takes a replica out of service: no new requests from now on, in-flight ones finish within
    /// <paramref name="grace"/>, and those still running then are handed over (their callers resume
    /// them on another replica); then its engine is freed.
    /// </summary>
    public async Task RetireAsync(ReplicaKey key, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (host.Find(key.ToString()) is not { } replica) return;
        replica.Drain();
        await tables.Heartbeat(replica.Status());
        var deadline = DateTime.UtcNow + grace;
        while (replica.Engine.GetStats().QueueDepth > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        var handedOver = replica.Engine.GetStats().QueueDepth;
        replica.Leave();
        await tables.Remove(key);
        await host.RemoveAsync(key);
        logger.LogInformation("Retired {Model} replica {Index}{HandedOver}", key.Model, key.Index,
            handedOver > 0 ? $"; {handedOver} unfinished requests handed over" : "");
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

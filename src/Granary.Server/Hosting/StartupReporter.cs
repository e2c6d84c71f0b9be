using Granary.Grains.Hosting;
using Granary.Server.CommandLine;
using Granary.Serving;

namespace Granary.Server.Hosting;

/// <summary>Tells the console where the server listens, and once the models answer, which ones it serves.</summary>
internal sealed class StartupReporter(ServerOptions options, IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<StartupReporter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
            await started.Task.WaitAsync(stoppingToken);

        var url = $"http://{options.Http.Host}:{options.Http.Port}";
        logger.LogInformation("Granary {Role} silo up; HTTP on {Url}", options.Role.ToString().ToLowerInvariant(), url);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await ReadyAsync(stoppingToken))
            {
                await ReportReady(url, stoppingToken);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken);
        }
    }

    private async Task<bool> ReadyAsync(CancellationToken ct) => options.ServesApi
        ? await services.GetRequiredService<IInferenceClient>().IsReadyAsync(ct)
        : services.GetRequiredService<EngineHost>().AllReady;

    private async Task ReportReady(string url, CancellationToken ct)
    {
        if (!options.ServesApi)
        {
            logger.LogInformation("Worker ready: engines {Replicas}", string.Join(", ", services.GetRequiredService<EngineHost>().ReplicaKeys));
            return;
        }
        var models = await services.GetRequiredService<IInferenceClient>().ListModelsAsync(ct);
        logger.LogInformation("Ready. Serving {Models} at {Url}/v1 (OpenAI-compatible: /v1/chat/completions, /v1/completions, /v1/models)",
            string.Join(", ", models.Select(m => $"{m.Id} (max_model_len {m.MaxModelLength})")), url);
    }
}

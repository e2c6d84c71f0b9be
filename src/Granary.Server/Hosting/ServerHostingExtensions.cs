using Granary.Api;
using Granary.Grains.Hosting;
using Granary.Grpc;
using Granary.Server.Cluster;
using Granary.Server.CommandLine;
using Granary.Serving;
using Granary.Serving.Authentication;
using Microsoft.Extensions.Options;
using Granary.Server.WebConsole;
using Granary.Server.Telemetry;

namespace Granary.Server.Hosting;

/// <summary>The composition root's two halves: services for this role, and the endpoints it serves.</summary>
internal static class ServerHostingExtensions
{
    public static WebApplicationBuilder AddGranaryServer(this WebApplicationBuilder builder, ServerOptions options)
    {
        PortCheck.EnsureFree(options);
        builder.WebHost.ConfigureKestrel(kestrel => KestrelEndpoints.Configure(kestrel, options));
        builder.AddGranaryLogging(options);
        // SIGTERM: requests get the drain timeout to finish, then the silo some seconds to leave the cluster.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Worker.DrainTimeout + TimeSpan.FromSeconds(15));
        builder.Services.AddHostedService<ShutdownDeadline>();
        builder.AddGranaryCluster(options);
        if (options.ServesApi)
        {
            builder.Services.AddGranaryApi(api =>
            {
                foreach (var key in options.ApiKeys.Keys) api.ApiKeys.Add(key);
                if (options.ApiKeys.File is { Length: > 0 } file)
                    foreach (var key in ApiKeysFile.Load(file)) api.ScopedApiKeys.Add(key);
            });
            builder.Services.AddSingleton(Options.Create(options.Images));
            builder.Services.AddGranaryGrpc();
            builder.Services.AddSingleton<ReplicaRouting>();
            builder.Services.AddSingleton<PromptBlocks>();
            builder.Services.AddSingleton<QueuedRequests>();
            builder.Services.AddSingleton<IInferenceClient, GrainInferenceClient>();
            builder.Services.AddOrleansClusterView();
        }
        builder.AddGranaryTelemetry(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<StartupReporter>();
        return builder;
    }

    public static WebApplication MapGranaryEndpoints(this WebApplication app, ServerOptions options)
    {
        app.UseGranaryAccessLog();
        app.MapGranaryMetrics();
        if (options.ServesApi)
        {
            app.MapGranaryGrpc();
            app.MapGranaryApi();
            app.MapGranaryConsole();
        }
        else
        {
            app.MapWorkerHealth();
        }
        return app;
    }

    /// <summary>A worker has no public API, only probes: ready once each of its engines has produced a token.</summary>
    private static void MapWorkerHealth(this WebApplication app)
    {
        app.MapGet("/v1/health/live", () => Results.Json(new { @object = "health.response", message = "Service is live." }));
        app.MapGet("/v1/health/ready", (EngineHost host) => host.AllReady
            ? Results.Json(new { @object = "health.response", message = "Service is ready." })
            : Results.Json(new { @object = "health.response", message = "Service is not ready." }, statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}

using Granary.Api;
using Granary.Grpc;
using Granary.Grains.Hosting;
using Granary.Server.CommandLine;
using Granary.Server.Cluster;
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
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.DrainTimeout + TimeSpan.FromSeconds(15));
        builder.Services.AddHostedService<ShutdownDeadline>();
        builder.AddGranaryCluster(options);
        if (options.ServesApi)
        {
            builder.Services.AddGranaryApi(api =>
            {
                foreach (var key in options.ApiKeys) api.ApiKeys.Add(key);
                foreach (var key in options.ScopedApiKeys) api.ScopedApiKeys.Add(key);
            });
            builder.Services.AddGranaryGrpc();
            builder.Services.AddSingleton<ReplicaRouting>();
            builder.Services.AddSingleton<IInferenceClient, GrainInferenceClient>();
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

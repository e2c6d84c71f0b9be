using Granary.Api;
using Granary.Grpc;
using Granary.Grains.Hosting;
using Granary.Server.CommandLine;
using Granary.Server.Cluster;

namespace Granary.Server.Hosting;

/// <summary>The composition root's two halves: services for this role, and the endpoints it serves.</summary>
internal static class ServerHostingExtensions
{
    public static WebApplicationBuilder AddGranaryServer(this WebApplicationBuilder builder, ServerOptions options)
    {
        builder.WebHost.ConfigureKestrel(kestrel => KestrelEndpoints.Configure(kestrel, options));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error); // reports host start-up pauses as contention
        builder.Logging.AddFilter("Polly", LogLevel.Warning); // Orleans placement logs every attempt at Information
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddGranaryCluster(options);
        if (options.ServesApi)
        {
            builder.Services.AddGranaryApi(api =>
            {
                foreach (var key in options.ApiKeys) api.ApiKeys.Add(key);
            });
            builder.Services.AddGranaryGrpc();
            builder.Services.AddSingleton<IInferenceClient, GrainInferenceClient>();
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<StartupReporter>();
        return builder;
    }

    public static WebApplication MapGranaryEndpoints(this WebApplication app, ServerOptions options)
    {
        if (options.ServesApi)
        {
            app.MapGranaryGrpc();
            app.MapPrometheusMetrics();
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

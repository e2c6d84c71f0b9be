using Granary.Api;
using Granary.Serving;
using Granary.Server.CommandLine;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Granary.Server.Telemetry;

/// <summary>
/// Metrics, traces and the access log. Every process serves /metrics with what it owns (workers
/// their engines and replicas, gateways their HTTP layer), so scraping every pod never double
/// counts. OTLP export (traces and metrics) is on only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
internal static class TelemetryHostingExtensions
{
    private static readonly string[] Meters =
        ["Granary.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.Orleans", "System.Runtime"];

    public static bool TracesEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);

    public static WebApplicationBuilder AddGranaryTelemetry(this WebApplicationBuilder builder, ServerOptions options)
    {
        builder.Services.AddSingleton<MetricsExposition>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<MetricsExposition>());
        if (options.ServesApi) builder.Services.Decorate<IInferenceClient>(inner => new MeteredInferenceClient(inner));
        if (TracesEnabled(builder.Configuration))
        {
            var otel = builder.Services.AddOpenTelemetry();
            // OTEL_SERVICE_NAME, when set, is read by the SDK itself and must not be overridden.
            if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                otel.ConfigureResource(r => r.AddService("granary", serviceInstanceId: Environment.MachineName));
            otel.WithTracing(tracing => tracing
                    .AddSource("Granary.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                    .AddOtlpExporter())
                .WithMetrics(metrics => metrics.AddMeter(Meters).AddOtlpExporter());
        }
        return builder;
    }

    public static WebApplication UseGranaryAccessLog(this WebApplication app)
    {
        app.UseMiddleware<AccessLogMiddleware>();
        return app;
    }

    public static IEndpointRouteBuilder MapGranaryMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (MetricsExposition metrics) => Results.Text(metrics.Render(), MetricsExposition.ContentType));
        return app;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/v1/health") || path.StartsWithSegments("/health");
}

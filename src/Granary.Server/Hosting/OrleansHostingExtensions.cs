using Granary.Grains.Hosting;
using Granary.Grains.Routing;
using Granary.Server.CommandLine;
using Orleans.Configuration;

namespace Granary.Server.Hosting;

/// <summary>Makes this process a silo of the Granary cluster, with engines when its role runs them.</summary>
internal static class OrleansHostingExtensions
{
    public static WebApplicationBuilder AddGranaryCluster(this WebApplicationBuilder builder, ServerOptions options)
    {
        builder.UseOrleans(silo =>
        {
            silo.UseGranaryClustering(options.Cluster);
            if (Telemetry.TelemetryHostingExtensions.TracesEnabled(builder.Configuration)) silo.AddActivityPropagation(); // one trace across grain calls
            // A generation can wait in the queue before its first token; each streamed element is its own request.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
            // The engine and worker settings are already the grains' own options: only the models are added.
            if (options.RunsEngines) options.Worker.Models.AddRange(options.Engines());
            silo.AddGranaryGrains(options.Role.ToString().ToLowerInvariant(), options.Worker);
            if (options.Routing == RoutingPolicyKind.Load) silo.Services.AddSingleton<IRoutingPolicy, LeastLoadedPolicy>();
        });
        return builder;
    }
}

using Granary.Engine.Serving;
using Granary.Grains.Hosting;
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
            silo.UseGranaryClustering(options);
            if (Telemetry.TelemetryHostingExtensions.TracesEnabled(builder.Configuration)) silo.AddActivityPropagation(); // one trace across grain calls
            // A generation can wait in the queue before its first token; each streamed element is its own request.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
            silo.AddGranaryGrains(options.Role.ToString().ToLowerInvariant(), options.RunsEngines ? worker => Configure(worker, options) : null);
        });
        return builder;
    }

    private static void Configure(WorkerOptions worker, ServerOptions options)
    {
        worker.ReplicasPerModel = options.Replicas;
        worker.DrainTimeout = options.DrainTimeout;
        worker.MaxReplicasPerModel = Math.Max(options.MaxReplicas ?? options.Replicas, options.Replicas);
        foreach (var model in options.Models)
        {
            worker.Models.Add(new EngineOptions
            {
                ModelPath = model.Path,
                ServedName = model.Name,
                Device = options.Device,
                Dtype = options.Dtype,
                MaxModelLength = options.MaxModelLength,
                KvCacheBytes = options.KvCacheBytes,
                MaxNumSequences = options.MaxNumSequences,
                MaxNumBatchedTokens = options.MaxNumBatchedTokens,
                EnablePrefixCaching = options.EnablePrefixCaching,
                Threads = options.Threads,
            });
        }
    }
}

using Granary.Grains.Placement;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Granary.Grains.Hosting;

public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Granary's grains on a silo: replica placement by silo metadata, and (when <paramref name="configureWorker"/>
    /// is given) the engines this silo runs, loaded in the background once the silo is up.
    /// </summary>
    public static ISiloBuilder AddGranaryGrains(this ISiloBuilder silo, string role, Action<WorkerOptions>? configureWorker = null)
    {
        var worker = new WorkerOptions();
        configureWorker?.Invoke(worker);
        var metadata = new Dictionary<string, string> { [SiloMetadataKeys.Role] = role };
        if (worker.Models.Count > 0) metadata[SiloMetadataKeys.Models] = string.Join(',', worker.Models.Select(m => m.Name));
        silo.UseSiloMetadata(metadata);
        // Routers, sessions and the catalog hold soft state in one activation each. The default
        // (eventually consistent) directory loses entries owned by a dead silo and re-creates such
        // a grain next to its still-running twin, so heartbeats and requests reach different copies;
        // the strongly consistent directory recovers its ranges from the surviving activations.
#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        silo.Services.AddPlacementFilter<ReplicaPlacementFilterStrategy, ReplicaPlacementFilterDirector>(ServiceLifetime.Singleton);
        silo.Services.AddPlacementFilter<ControlPlanePlacementFilterStrategy, ControlPlanePlacementFilterDirector>(ServiceLifetime.Singleton);
        // Declare a dead silo in seconds rather than the default tens of seconds: replicas on it must be re-routed.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
        });
        silo.Services.AddSingleton<EngineHost>();
        silo.Services.Configure<WorkerOptions>(o =>
        {
            o.Models.AddRange(worker.Models);
            o.ReplicasPerModel = worker.ReplicasPerModel;
            o.MaxReplicasPerModel = Math.Max(worker.MaxReplicasPerModel, worker.ReplicasPerModel);
            o.HeartbeatInterval = worker.HeartbeatInterval;
            o.ScaleCheckInterval = worker.ScaleCheckInterval;
            o.ScaleUpAfterChecks = worker.ScaleUpAfterChecks;
            o.ScaleDownAfter = worker.ScaleDownAfter;
        });
        if (worker.Models.Count == 0) return silo;
        silo.Services.AddSingleton<ReplicaLauncher>();
        silo.Services.AddHostedService<EngineLoader>();
        if (worker.MaxReplicasPerModel > worker.ReplicasPerModel) silo.Services.AddHostedService<ReplicaAutoscaler>();
        return silo;
    }
}

using Microsoft.Extensions.Options;
using Granary.Grains.Placement;
using Granary.Grains.Routing;
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
        return silo.AddGranaryGrains(role, worker);
    }

    /// <summary>Adds the grains with <paramref name="worker"/> as this silo's worker settings (no models: an API-only silo).</summary>
    public static ISiloBuilder AddGranaryGrains(this ISiloBuilder silo, string role, WorkerOptions worker)
    {
        worker.MaxReplicasPerModel = Math.Max(worker.MaxReplicasPerModel, worker.ReplicasPerModel);
        var metadata = new Dictionary<string, string> { [SiloMetadataKeys.Role] = role };
        if (worker.Models.Count > 0) metadata[SiloMetadataKeys.Models] = string.Join(',', worker.Models.Select(m => m.Name));
        silo.UseSiloMetadata(metadata);
        // Routing needs no grain that could have a twin: every API silo keeps its own table, fed by
        // pinned grains, so the default directory serves (the strongly consistent one stalled every
        // call for seconds whenever a silo joined or left while its ranges moved).
        silo.Services.AddPlacementFilter<ReplicaPlacementFilterStrategy, ReplicaPlacementFilterDirector>(ServiceLifetime.Singleton);
        silo.Services.AddPlacementFilter<ControlPlanePlacementFilterStrategy, ControlPlanePlacementFilterDirector>(ServiceLifetime.Singleton);
        silo.Services.AddPlacementFilter<SiloPinnedPlacementFilterStrategy, SiloPinnedPlacementFilterDirector>(ServiceLifetime.Singleton);
        silo.Services.AddSingleton<ClusterMetrics>();
        silo.Services.AddSingleton<IRoutingPolicy, PrefixAwarePolicy>();
        silo.Services.AddSingleton<ReplicaTable>();
        silo.Services.AddSingleton<ReplicaTables>();
        silo.Services.AddHostedService<ReplicaTableSweeper>();
        if (role != "worker") silo.Services.AddHostedService<Telemetry.RoutingInstruments>();
        // Declare a dead silo in seconds rather than the default tens of seconds: replicas on it must be re-routed.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
        });
        silo.Services.AddSingleton<EngineHost>();
        silo.Services.AddSingleton(Options.Create(worker));
        silo.Services.AddHostedService<Telemetry.ReplicaInstruments>();
        if (worker.Models.Count == 0) return silo;
        silo.Services.AddSingleton<ReplicaLauncher>();
        silo.Services.AddHostedService<EngineLoader>();
        silo.Services.AddHostedService<ReplicaHeartbeats>();
        silo.Services.AddHostedService<ReplicaDrainer>();
        if (worker.MaxReplicasPerModel > worker.ReplicasPerModel) silo.Services.AddHostedService<ReplicaAutoscaler>();
        return silo;
    }
}

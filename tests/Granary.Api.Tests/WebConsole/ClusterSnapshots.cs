using Granary.Api.WebConsole;
using Granary.Engine.Abstractions;

namespace Granary.Api.Tests.WebConsole;

/// <summary>Snapshots the cluster view is built from in these tests.</summary>
internal static class ClusterSnapshots
{
    public const string Gateway = "10.0.0.1:11111@1";
    public const string Worker = "10.0.0.2:11111@2";
    public const string Other = "other/model";

    public static ClusterSnapshot OneReplica() => new(
        Gateway,
        [new SiloSnapshot(Gateway, "gateway-0", "active", "gateway", [])],
        [new ModelCard { Id = ScriptedInferenceClient.Model, MaxModelLength = 8192, Replicas = 1, State = ModelStates.Ready }],
        [new ReplicaSnapshot(ScriptedInferenceClient.Model, Gateway, 0, false, new EngineStats { HasGenerated = true })]);

    /// <summary>A gateway and a worker serving two models; one replica of each state.</summary>
    public static ClusterSnapshot TwoModels() => new(
        Gateway,
        [
            new SiloSnapshot(Gateway, "gateway-0", "active", "gateway", []),
            new SiloSnapshot(Worker, "worker-0", "active", "worker", [ScriptedInferenceClient.Model, Other]),
        ],
        [
            new ModelCard { Id = ScriptedInferenceClient.Model, MaxModelLength = 8192, Replicas = 1, State = ModelStates.Ready },
            new ModelCard { Id = Other, MaxModelLength = 4096, Replicas = 0, State = ModelStates.Loading },
        ],
        [
            new ReplicaSnapshot(ScriptedInferenceClient.Model, Worker, 0, false, new EngineStats
            {
                HasGenerated = true, Running = 3, Waiting = 2, KvCacheUsage = 0.25, GenerationTokensPerSecond = 42.5,
                PromptTokensPerSecond = 100, PrefixCacheQueries = 10, PrefixCacheHits = 4, TotalGeneratedTokens = 1234,
                TotalPromptTokens = 5678, Preemptions = 1,
            }),
            new ReplicaSnapshot(ScriptedInferenceClient.Model, Worker, 1, true, new EngineStats { HasGenerated = true }),
            new ReplicaSnapshot(Other, Worker, 0, false, new EngineStats()),
        ]);
}

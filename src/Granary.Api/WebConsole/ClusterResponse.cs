namespace Granary.Api.WebConsole;

/// <summary>GET /v1/cluster (a Granary extension): the cluster view of the web console.</summary>
internal sealed record ClusterResponse
{
    public string Object => "granary.cluster";
    public required string Gateway { get; init; }
    public required IReadOnlyList<SiloSnapshot> Silos { get; init; }
    public required IReadOnlyList<ClusterModel> Models { get; init; }
    public required IReadOnlyList<ClusterReplica> Replicas { get; init; }

    /// <summary>This gateway's own log: with several gateways each lists the requests it served.</summary>
    public required IReadOnlyList<RecentRequest> RecentRequests { get; init; }
}

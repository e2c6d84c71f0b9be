namespace Granary.Api.WebConsole;

/// <summary>
/// What the web console's cluster view needs from the cluster: this gateway's view of its silos and
/// replicas. The cluster layer implements it, so the HTTP layer never sees grains or membership.
/// </summary>
public interface IClusterView
{
    Task<ClusterSnapshot> SnapshotAsync(CancellationToken ct);
}

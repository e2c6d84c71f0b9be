using Granary.Api.WebConsole;

namespace Granary.Api.Tests.WebConsole;

/// <summary>An <see cref="IClusterView"/> that answers whatever snapshot the test set.</summary>
internal sealed class FixedClusterView(ClusterSnapshot snapshot) : IClusterView
{
    public ClusterSnapshot Snapshot { get; set; } = snapshot;

    public Task<ClusterSnapshot> SnapshotAsync(CancellationToken ct) => Task.FromResult(Snapshot);
}

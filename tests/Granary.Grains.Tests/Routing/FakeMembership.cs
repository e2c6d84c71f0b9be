using System.Collections.Immutable;
using System.Net;
using Orleans.Runtime;

namespace Granary.Grains.Tests.Routing;

/// <summary>Cluster membership the test sets silo by silo.</summary>
internal sealed class FakeMembership : IClusterMembershipService
{
    private long _version;

    public ClusterMembershipSnapshot CurrentSnapshot { get; private set; } =
        new(ImmutableDictionary<SiloAddress, ClusterMember>.Empty, MembershipVersion.MinValue);

    public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

    /// <summary>A silo on 127.0.0.1 at the port, in the given status.</summary>
    public SiloAddress Set(int port, SiloStatus status)
    {
        var silo = SiloAddress.New(IPAddress.Loopback, port, 1);
        CurrentSnapshot = new ClusterMembershipSnapshot(CurrentSnapshot.Members.SetItem(silo, new ClusterMember(silo, status, $"silo-{port}")),
            new MembershipVersion(++_version));
        return silo;
    }

    public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
}

using Granary.Grains.Abstractions;
using Orleans.Runtime.Messaging;

namespace Granary.Server.Cluster;

/// <summary>Tells a replica that went away (its silo died, left or is unreachable) from a request that failed on its own.</summary>
internal static class ReplicaFailures
{
    /// <summary>The request can go on elsewhere: the failure was the replica's or its silo's, not the request's.</summary>
    public static bool IsReplicaGone(Exception error) => error switch
    {
        ReplicaUnavailableException or SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
            or EnumerationAbortedException or ConnectionFailedException => true,
        // "No active nodes are compatible with grain": the replica's silo is no longer in the cluster.
        OrleansException when error.InnerException is null => true,
        OrleansException when error.InnerException is { } inner => IsReplicaGone(inner),
        _ => false,
    };
}

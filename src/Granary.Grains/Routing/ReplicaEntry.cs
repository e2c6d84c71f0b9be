using Granary.Grains.Abstractions;

namespace Granary.Grains.Routing;

/// <summary>The router's view of one replica: its last heartbeat, and requests sent since.</summary>
internal sealed class ReplicaEntry(ReplicaStatus status, DateTime seen)
{
    public ReplicaStatus Status { get; set; } = status;

    public DateTime LastSeen { get; set; } = seen;

    /// <summary>Requests routed here after the last heartbeat, which that heartbeat's queue depth cannot show yet.</summary>
    public int Dispatched { get; set; }

    public int Load => Status.Stats.QueueDepth + Dispatched;
}

using Granary.Grains.Abstractions;

namespace Granary.Grains.Routing;

/// <summary>The table's view of one replica: its last heartbeat, requests sent since, and a token for its loss.</summary>
internal sealed class ReplicaEntry(ReplicaStatus status, DateTime seen)
{
    private readonly CancellationTokenSource _lost = new();

    public string Key { get; } = status.Key.ToString();

    public ReplicaStatus Status { get; private set; } = status;

    public DateTime LastSeen { get; private set; } = seen;

    /// <summary>Requests routed here after the last heartbeat, which that heartbeat's queue depth cannot show yet.</summary>
    public int Dispatched { get; set; }

    public int Load => Status.Stats.QueueDepth + Dispatched;

    public CancellationToken Lost => _lost.Token;

    public void Update(ReplicaStatus status, DateTime seen)
    {
        Status = status;
        LastSeen = seen;
        Dispatched = 0;
    }

    public void Lose() => _lost.Cancel();
}

using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;

namespace Granary.Grains.Hosting;

/// <summary>
/// One engine this silo runs, and where it stands. The state lives here, not in the replica grain, so
/// heartbeats and shutdown never depend on an activation that a membership change may have replaced.
/// </summary>
public sealed class HostedReplica(ReplicaKey key, IEngine engine)
{
    private readonly CancellationTokenSource _leaving = new();

    public ReplicaKey Key { get; } = key;

    public IEngine Engine { get; } = engine;

    /// <summary>Warmed up and announced to the routing tables: requests may reach it.</summary>
    public bool Joined { get; private set; }

    /// <summary>Takes no new requests; in-flight ones go on until <see cref="Leaving"/>.</summary>
    public bool Draining { get; private set; }

    /// <summary>Cancelled when the replica hands its unfinished requests over to others.</summary>
    public CancellationToken Leaving => _leaving.Token;

    public void Join() => Joined = true;

    public void Drain() => Draining = true;

    public void Leave()
    {
        Draining = true;
        _leaving.Cancel();
    }

    public ReplicaStatus Status() => new(Key, Engine.Card, Engine.GetStats()) { Draining = Draining };
}

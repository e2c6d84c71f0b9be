using System.Collections.Concurrent;
using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;

namespace Granary.Grains.Hosting;

/// <summary>
/// The engines running in this silo, by replica key. Replica grains find their engine here; a
/// key naming another silo has none, which is how a replica refuses to live anywhere else.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HostedReplica> _replicas = new();

    public IReadOnlyCollection<string> ReplicaKeys => _replicas.Keys.ToArray();

    /// <summary>Every replica of this silo, joined or not.</summary>
    public IReadOnlyList<HostedReplica> All => _replicas.Values.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).ToArray();

    public HostedReplica Add(ReplicaKey key, IEngine engine)
    {
        var replica = new HostedReplica(key, engine);
        if (!_replicas.TryAdd(key.ToString(), replica))
            throw new InvalidOperationException($"replica {key} is already hosted");
        return replica;
    }

    public HostedReplica? Find(string replicaKey) => _replicas.GetValueOrDefault(replicaKey);

    /// <summary>This silo's replicas of a model.</summary>
    public IReadOnlyList<HostedReplica> Replicas(string model) =>
        _replicas.Values.Where(r => r.Key.Model == model).OrderBy(r => r.Key.Index).ToArray();

    /// <summary>Stops hosting a replica and frees its engine.</summary>
    public ValueTask RemoveAsync(ReplicaKey key)
    {
        if (_replicas.TryRemove(key.ToString(), out var replica)) (replica.Engine as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>True when this silo runs engines and each has produced a token and joined the routing tables.</summary>
    public bool AllReady => !_replicas.IsEmpty && _replicas.Values.All(r => r.Joined && !r.Draining && r.Engine.GetStats().HasGenerated);

    public ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas.Values)
            (replica.Engine as IDisposable)?.Dispose();
        _replicas.Clear();
        return ValueTask.CompletedTask;
    }
}

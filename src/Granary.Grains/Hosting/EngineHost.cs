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
    private readonly ConcurrentDictionary<string, IEngine> _engines = new();
    private readonly ConcurrentDictionary<string, bool> _joined = new();

    public IReadOnlyCollection<string> ReplicaKeys => _engines.Keys.ToArray();

    public void Add(ReplicaKey key, IEngine engine)
    {
        if (!_engines.TryAdd(key.ToString(), engine))
            throw new InvalidOperationException($"replica {key} is already hosted");
    }

    public IEngine? Find(string replicaKey) => _engines.GetValueOrDefault(replicaKey);

    /// <summary>This silo's replicas of a model.</summary>
    public IReadOnlyList<(ReplicaKey Key, IEngine Engine)> Replicas(string model) =>
        _engines.Select(p => (Key: ReplicaKey.Parse(p.Key), Engine: p.Value)).Where(r => r.Key.Model == model).OrderBy(r => r.Key.Index).ToArray();

    /// <summary>Stops hosting a replica and frees its engine.</summary>
    public ValueTask RemoveAsync(ReplicaKey key)
    {
        _joined.TryRemove(key.ToString(), out _);
        if (_engines.TryRemove(key.ToString(), out var engine)) (engine as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Records that a replica's grain has joined its router, so requests can reach it.</summary>
    public void MarkJoined(ReplicaKey key) => _joined[key.ToString()] = true;

    /// <summary>True when this silo runs engines and each has produced a token and joined its router.</summary>
    public bool AllReady => !_engines.IsEmpty && _engines.All(p => _joined.ContainsKey(p.Key) && p.Value.GetStats().HasGenerated);

    public ValueTask DisposeAsync()
    {
        foreach (var engine in _engines.Values)
            (engine as IDisposable)?.Dispose();
        _engines.Clear();
        return ValueTask.CompletedTask;
    }
}

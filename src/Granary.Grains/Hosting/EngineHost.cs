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

    public IReadOnlyCollection<string> ReplicaKeys => _engines.Keys.ToArray();

    public void Add(ReplicaKey key, IEngine engine)
    {
        if (!_engines.TryAdd(key.ToString(), engine))
            throw new InvalidOperationException($"replica {key} is already hosted");
    }

    public IEngine? Find(string replicaKey) => _engines.GetValueOrDefault(replicaKey);

    /// <summary>True when this silo runs engines and each has produced a token.</summary>
    public bool AllReady => !_engines.IsEmpty && _engines.Values.All(e => e.GetStats().HasGenerated);

    public ValueTask DisposeAsync()
    {
        foreach (var engine in _engines.Values)
            (engine as IDisposable)?.Dispose();
        _engines.Clear();
        return ValueTask.CompletedTask;
    }
}

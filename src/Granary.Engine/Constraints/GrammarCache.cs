using Granary.Structured;

namespace Granary.Engine.Constraints;

/// <summary>
/// Compiled grammars by what they were compiled from, the least recently used evicted. A grammar
/// keeps the token masks of the states it has visited, so a schema that comes back (the usual case:
/// one schema per endpoint, the same tools every turn) skips compilation and starts warm. Grammars
/// are thread-safe; sequences share them.
/// </summary>
internal sealed class GrammarCache(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, Grammar Grammar)>> _entries = [];
    private readonly LinkedList<(string Key, Grammar Grammar)> _recency = [];

    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    public Grammar GetOrAdd(string key, Func<Grammar> compile)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Grammar;
            }
        }
        // Compiled outside the lock: a large schema takes milliseconds. A failure is not cached.
        var grammar = compile();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var raced)) return raced.Value.Grammar;
            _entries[key] = _recency.AddFirst((key, grammar));
            if (_entries.Count > capacity)
            {
                _entries.Remove(_recency.Last!.Value.Key);
                _recency.RemoveLast();
            }
            return grammar;
        }
    }
}

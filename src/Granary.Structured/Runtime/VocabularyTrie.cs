namespace Granary.Structured.Runtime;

/// <summary>
/// The byte trie of the vocabulary, flattened in depth-first preorder so a mask is one linear
/// scan: a dead node skips its whole subtree by jumping to <see cref="SubtreeEnd"/>. Node 0 is the root.
/// </summary>
internal sealed class VocabularyTrie
{
    private VocabularyTrie(byte[] labels, int[] depths, int[] subtreeEnd, int[] tokenStart, int[] tokenIds, int maxDepth)
    {
        Labels = labels;
        Depths = depths;
        SubtreeEnd = subtreeEnd;
        TokenStart = tokenStart;
        TokenIds = tokenIds;
        MaxDepth = maxDepth;
    }

    public byte[] Labels { get; }

    public int[] Depths { get; }

    /// <summary>The index just past a node's subtree.</summary>
    public int[] SubtreeEnd { get; }

    /// <summary>Tokens ending at node i are TokenIds[TokenStart[i] .. TokenStart[i + 1]).</summary>
    public int[] TokenStart { get; }

    public int[] TokenIds { get; }

    public int MaxDepth { get; }

    public int NodeCount => Labels.Length;

    public static VocabularyTrie Build(IReadOnlyList<byte[]> tokenBytes, Func<int, bool> include)
    {
        var ids = Enumerable.Range(0, tokenBytes.Count).Where(id => include(id) && tokenBytes[id].Length > 0).ToArray();
        Array.Sort(ids, (a, b) =>
        {
            var order = tokenBytes[a].AsSpan().SequenceCompareTo(tokenBytes[b]);
            return order != 0 ? order : a.CompareTo(b);
        });

        var labels = new List<byte> { 0 };
        var depths = new List<int> { 0 };
        var subtreeEnd = new List<int> { 0 };
        var tokenStart = new List<int> { 0 };
        var tokens = new List<int>(ids.Length);
        var path = new List<int> { 0 }; // node index per depth
        byte[] previous = [];
        foreach (var id in ids)
        {
            var bytes = tokenBytes[id];
            var common = Math.Min(bytes.AsSpan().CommonPrefixLength(previous), path.Count - 1);
            while (path.Count > common + 1)
            {
                subtreeEnd[path[^1]] = labels.Count;
                path.RemoveAt(path.Count - 1);
            }

            for (var depth = common; depth < bytes.Length; depth++)
            {
                path.Add(labels.Count);
                labels.Add(bytes[depth]);
                depths.Add(depth + 1);
                subtreeEnd.Add(0);
                tokenStart.Add(tokens.Count);
            }

            // Sorted order puts a token right after its node is created (or after its duplicate).
            tokens.Add(id);
            previous = bytes;
        }

        foreach (var node in path)
        {
            subtreeEnd[node] = labels.Count;
        }

        tokenStart.Add(tokens.Count);
        return new VocabularyTrie([.. labels], [.. depths], [.. subtreeEnd], [.. tokenStart], [.. tokens], depths.Max());
    }
}

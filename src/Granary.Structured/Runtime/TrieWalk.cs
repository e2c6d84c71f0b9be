namespace Granary.Structured.Runtime;

/// <summary>
/// The one walk every mask and budget figure is made of: a linear scan of the vocabulary trie below
/// a node, stepping the grammar byte by byte and skipping a whole subtree where it dies or the visitor declines it.
/// </summary>
internal static class TrieWalk
{
    /// <param name="states">Scratch, one state per trie depth; a walk must not share it with a walk it starts.</param>
    public static void Below<TVisitor>(GrammarRuntime runtime, VocabularyTrie trie, LazyState[] states, LazyState start, int top, ref TVisitor visitor)
        where TVisitor : struct, ITrieVisitor
    {
        var labels = trie.Labels;
        var depths = trie.Depths;
        var subtreeEnd = trie.SubtreeEnd;
        var tokenStart = trie.TokenStart;
        var tokenIds = trie.TokenIds;
        var byteClass = runtime.ByteClasses;
        states[depths[top]] = start;
        var end = subtreeEnd[top];
        var node = top + 1;
        while (node < end)
        {
            var parent = states[depths[node] - 1];
            var cls = byteClass[labels[node]];
            var next = parent.Next[cls] ?? runtime.StepHeld(parent, cls);
            if (next.IsDead || !visitor.Enter(node, next))
            {
                node = subtreeEnd[node];
                continue;
            }

            states[depths[node]] = next;
            if (tokenStart[node] < tokenStart[node + 1])
            {
                visitor.Tokens(tokenIds.AsSpan(tokenStart[node], tokenStart[node + 1] - tokenStart[node]), next);
            }

            node++;
        }
    }
}

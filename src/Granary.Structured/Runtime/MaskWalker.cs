namespace Granary.Structured.Runtime;

/// <summary>
/// Computes token masks by walking the vocabulary trie (runs under the runtime's lock).
/// </summary>
/// <remarks>
/// A state whose positions carry no call stack is walked directly: one pruned pass over the trie.
/// A state with stacks is decomposed by frame, as XGrammar does with its context-independent
/// tokens: for each position, the tokens its own frame accepts come from the direct walk of that
/// position alone (cached per DFA state, shared by every caller — e.g. the inside of a JSON
/// string, whichever property it belongs to); only the few trie nodes where the frame can return
/// mid-token (after a closing quote, ...) are walked further with the actual caller continuation.
/// </remarks>
internal sealed class MaskWalker(GrammarRuntime runtime, TokenVocabulary vocabulary)
{
    private readonly VocabularyTrie _trie = vocabulary.Trie;
    private readonly LazyState[] _states = new LazyState[vocabulary.Trie.MaxDepth + 1];

    public ulong[] Direct(LazyState root)
    {
        var mask = new ulong[vocabulary.MaskWords];
        var escapes = new List<int>();
        Walk(root, 0, mask, escapes);
        root.Escapes = [.. escapes];
        SetEos(mask, root.IsComplete);
        return mask;
    }

    public ulong[] Decomposed(LazyState state)
    {
        var mask = new ulong[vocabulary.MaskWords];
        foreach (var position in state.Positions)
        {
            var (frameMask, frameEscapes) = runtime.FrameMaskOf(position.State);
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] |= frameMask[i];
            }

            if (position.Stack is null)
            {
                continue; // the grammar ends with this frame: nothing follows mid-token
            }

            var caller = runtime.AfterReturn(position.Stack);
            foreach (var node in frameEscapes)
            {
                Walk(caller, node, mask, escapes: null);
            }
        }

        SetEos(mask, state.IsComplete);
        return mask;
    }

    /// <summary>Marks the tokens strictly below <paramref name="top"/> reachable from <paramref name="start"/> at it.</summary>
    private void Walk(LazyState start, int top, ulong[] mask, List<int>? escapes)
    {
        var labels = _trie.Labels;
        var depths = _trie.Depths;
        var subtreeEnd = _trie.SubtreeEnd;
        var tokenStart = _trie.TokenStart;
        var tokenIds = _trie.TokenIds;
        var byteClass = runtime.ByteClasses;
        var states = _states;
        states[depths[top]] = start;
        var end = subtreeEnd[top];
        var node = top + 1;
        while (node < end)
        {
            var depth = depths[node];
            var parent = states[depth - 1];
            var cls = byteClass[labels[node]];
            var next = parent.Next[cls] ?? runtime.StepHeld(parent, cls);
            if (next.IsDead)
            {
                node = subtreeEnd[node];
                continue;
            }

            states[depth] = next;
            for (var k = tokenStart[node]; k < tokenStart[node + 1]; k++)
            {
                var token = tokenIds[k];
                mask[token >> 6] |= 1UL << token;
            }

            if (escapes is not null && next.IsComplete && subtreeEnd[node] > node + 1)
            {
                escapes.Add(node);
            }

            node++;
        }
    }

    private void SetEos(ulong[] mask, bool complete)
    {
        foreach (var eos in vocabulary.EosTokenIds)
        {
            if (complete)
            {
                mask[eos >> 6] |= 1UL << eos;
            }
            else
            {
                mask[eos >> 6] &= ~(1UL << eos);
            }
        }
    }
}

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
        var marker = new Marker(mask, escapes, _trie.SubtreeEnd);
        TrieWalk.Below(runtime, _trie, _states, start, top, ref marker);
    }

    /// <summary>Sets each reachable token's bit; notes the nodes where the frame may end with more bytes below (escapes).</summary>
    private readonly struct Marker(ulong[] mask, List<int>? escapes, int[] subtreeEnd) : ITrieVisitor
    {
        public bool Enter(int node, LazyState next)
        {
            if (escapes is not null && next.IsComplete && subtreeEnd[node] > node + 1)
            {
                escapes.Add(node);
            }

            return true;
        }

        public void Tokens(ReadOnlySpan<int> tokenIds, LazyState next)
        {
            foreach (var token in tokenIds)
            {
                mask[token >> 6] |= 1UL << token;
            }
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

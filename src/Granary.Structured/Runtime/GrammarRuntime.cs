using Granary.Structured.Automata;

namespace Granary.Structured.Runtime;

/// <summary>
/// A compiled grammar on one vocabulary: the lazily built DFA over matcher configurations and the
/// token mask of each configuration met so far. Shared by all matchers of the grammar; lookups of
/// what is already computed take no lock, computing takes one.
/// </summary>
/// <remarks>
/// Caching per configuration is what makes steady-state masks cheap: inside a free string, the
/// configuration after every token is the same one, so its mask is computed once (one pruned walk
/// of the vocabulary trie) and copied afterwards. The caches are bounded and flushed whole when full.
/// </remarks>
internal sealed class GrammarRuntime
{
    private const int MaxStates = 200_000;
    private const long MaxMaskBytes = 64L << 20;

    private readonly CompiledGrammar _grammar;
    private readonly TokenVocabulary _vocabulary;
    private readonly Lock _lock = new();
    private readonly Dictionary<LazyState, LazyState> _interned = new(LazyStateComparer.Instance);
    private readonly int _maxMasks;
    private int _maskCount;

    public GrammarRuntime(CompiledGrammar grammar, TokenVocabulary vocabulary)
    {
        _grammar = grammar;
        _vocabulary = vocabulary;
        _maxMasks = (int)Math.Max(16, MaxMaskBytes / (8L * Math.Max(1, vocabulary.MaskWords)));
        Dead = new LazyState([], false, grammar.ClassCount);
        lock (_lock)
        {
            Start = Closure([new Position(grammar.RuleStarts[0], null)]);
        }
    }

    public LazyState Start { get; }

    public LazyState Dead { get; }

    public TokenVocabulary Vocabulary => _vocabulary;

    public CompiledGrammar Grammar => _grammar;

    public LazyState Step(LazyState state, byte value)
    {
        var byteClass = _grammar.ByteClass[value];
        var next = state.Next[byteClass];
        if (next is not null)
        {
            return next;
        }

        lock (_lock)
        {
            return StepLocked(state, byteClass);
        }
    }

    public ulong[] MaskOf(LazyState state)
    {
        var mask = state.Mask;
        if (mask is not null)
        {
            return mask;
        }

        lock (_lock)
        {
            mask = state.Mask;
            if (mask is null)
            {
                if (++_maskCount > _maxMasks)
                {
                    Flush();
                    _maskCount = 1;
                }

                mask = ComputeMask(state);
                state.Mask = mask;
            }

            return mask;
        }
    }

    private LazyState StepLocked(LazyState state, int byteClass)
    {
        var next = state.Next[byteClass];
        if (next is not null)
        {
            return next;
        }

        var moved = new List<Position>(state.Positions.Length);
        foreach (var position in state.Positions)
        {
            var target = _grammar.Transitions[position.State * _grammar.ClassCount + byteClass];
            if (target >= 0)
            {
                moved.Add(position with { State = target });
            }
        }

        next = moved.Count == 0 ? Dead : Closure(moved);
        state.Next[byteClass] = next;
        return next;
    }

    /// <summary>Follows calls and rule ends until only byte-reading positions remain.</summary>
    private LazyState Closure(List<Position> seeds)
    {
        var visited = new HashSet<Position>();
        var result = new List<Position>();
        var pending = new Stack<Position>(seeds);
        var complete = false;
        while (pending.Count > 0)
        {
            var position = pending.Pop();
            if (!visited.Add(position))
            {
                continue;
            }

            var state = position.State;
            if (_grammar.HasByteTransitions[state])
            {
                result.Add(position);
            }

            foreach (var (callee, returnState) in _grammar.Calls[state])
            {
                pending.Push(new Position(_grammar.RuleStarts[callee], new StackFrame(returnState, position.Stack)));
            }

            if (_grammar.Accepting[state])
            {
                if (position.Stack is null)
                {
                    complete = true;
                }
                else
                {
                    pending.Push(new Position(position.Stack.ReturnState, position.Stack.Parent));
                }
            }
        }

        result.Sort((a, b) => a.State != b.State ? a.State.CompareTo(b.State) : StackFrame.HashOf(a.Stack).CompareTo(StackFrame.HashOf(b.Stack)));
        return Intern(new LazyState([.. result], complete, _grammar.ClassCount));
    }

    private LazyState Intern(LazyState candidate)
    {
        if (candidate.IsDead)
        {
            return Dead;
        }

        if (_interned.TryGetValue(candidate, out var existing))
        {
            return existing;
        }

        if (_interned.Count >= MaxStates)
        {
            Flush();
        }

        _interned[candidate] = candidate;
        return candidate;
    }

    /// <summary>Drops every cached transition and mask; states held by matchers stay valid and refill.</summary>
    private void Flush()
    {
        foreach (var state in _interned.Keys)
        {
            state.Forget();
        }

        _interned.Clear();
        _maskCount = 0;
    }

    private ulong[] ComputeMask(LazyState root)
    {
        var mask = new ulong[_vocabulary.MaskWords];
        if (root.IsComplete)
        {
            foreach (var eos in _vocabulary.EosTokenIds)
            {
                mask[eos >> 6] |= 1UL << eos;
            }
        }

        var trie = _vocabulary.Trie;
        var labels = trie.Labels;
        var depths = trie.Depths;
        var subtreeEnd = trie.SubtreeEnd;
        var tokenStart = trie.TokenStart;
        var tokenIds = trie.TokenIds;
        var byteClass = _grammar.ByteClass;
        var states = new LazyState[trie.MaxDepth + 1];
        states[0] = root;
        var node = 1;
        while (node < labels.Length)
        {
            var parent = states[depths[node] - 1];
            var cls = byteClass[labels[node]];
            var next = parent.Next[cls] ?? StepLocked(parent, cls);
            if (next.IsDead)
            {
                node = subtreeEnd[node];
                continue;
            }

            states[depths[node]] = next;
            for (var k = tokenStart[node]; k < tokenStart[node + 1]; k++)
            {
                var token = tokenIds[k];
                mask[token >> 6] |= 1UL << token;
            }

            node++;
        }

        return mask;
    }
}

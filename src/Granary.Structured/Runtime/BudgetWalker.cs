using Granary.Structured.Automata;

namespace Granary.Structured.Runtime;

/// <summary>
/// Budget steering (runs under the runtime's lock): how many tokens a state needs to end, and
/// which tokens would leave more than a budget allows.
/// </summary>
/// <remarks>
/// A state's token distance is the fewest tokens that spell one of its shortest byte paths to the
/// end, plus EOS unless nothing can follow. Its first token leads to a state whose distance is one
/// less, so a mask that only ever keeps tokens leading to states within the tokens left can always
/// go on and always ends in time. Every figure is a function of the state's positions alone, so a
/// sequence replayed token by token meets the same ones.
/// </remarks>
internal sealed class BudgetWalker(GrammarRuntime runtime, TokenVocabulary vocabulary)
{
    public const int Infinite = ReachBounds.Unbounded;

    private readonly VocabularyTrie _trie = vocabulary.Trie;
    private readonly LazyState[] _pathStates = new LazyState[vocabulary.Trie.MaxDepth + 1];
    private readonly LazyState[] _walkStates = new LazyState[vocabulary.Trie.MaxDepth + 1];
    private readonly List<LazyState> _successors = [];

    /// <summary>
    /// Clears from <paramref name="mask"/> (the state's own mask) the tokens after which the end is
    /// farther than <paramref name="tokensLeft"/> − 1 tokens. When even this state's distance does
    /// not fit, keeps the tokens that bring the end one token nearer.
    /// </summary>
    public void Steer(LazyState state, int tokensLeft, Span<ulong> mask)
    {
        var limit = tokensLeft - 1;
        if (FitsAnyway(state, limit))
        {
            return;
        }

        var own = TokenDistance(state);
        if (own > limit)
        {
            Narrow(state, own - 1, mask);
            return;
        }

        foreach (var (token, distance) in Overshoot(state))
        {
            if (distance <= limit)
            {
                break;
            }

            mask[token >> 6] &= ~(1UL << token);
        }
    }

    /// <summary>
    /// The budget leaves no slack (or too little): the mask is then <see cref="Narrow"/>'s, a function
    /// of the state alone, so the runtime caches it.
    /// </summary>
    public bool AtTheEnd(LazyState state, int tokensLeft) =>
        !FitsAnyway(state, tokensLeft - 1) && TokenDistance(state) > tokensLeft - 1;

    /// <summary>Keeps in the state's own mask only the tokens after which the end is nearer than from the state (EOS stays).</summary>
    public void Narrow(LazyState state, Span<ulong> mask) => Narrow(state, TokenDistance(state) - 1, mask);

    /// <summary>
    /// No token can lead beyond <paramref name="limit"/>: every byte has its own token, so a state's
    /// token distance is at most its byte distance plus EOS, and no state from here is farther than its reach.
    /// </summary>
    public bool FitsAnyway(LazyState state, int limit) =>
        vocabulary.HasEveryByte && limit >= ReachBounds.Add(Reach(state), 1);

    public int ByteDistance(LazyState state)
    {
        if (state.ByteDistance >= 0)
        {
            return state.ByteDistance;
        }

        var best = state.IsComplete ? 0 : Infinite;
        var distances = runtime.Grammar.Distances.ToRuleEnd;
        foreach (var (dfaState, stack) in state.Positions)
        {
            var total = Math.Min(distances[dfaState], Infinite);
            for (var frame = stack; frame is not null; frame = frame.Parent)
            {
                total = ReachBounds.Add(total, distances[frame.ReturnState]);
            }

            best = Math.Min(best, total);
        }

        state.ByteDistance = best;
        return best;
    }

    /// <summary>The most bytes to the end from any state this one can reach.</summary>
    public int Reach(LazyState state)
    {
        if (state.Reach >= 0)
        {
            return state.Reach;
        }

        var reach = runtime.Grammar.Reach;
        var distances = runtime.Grammar.Distances.ToRuleEnd;
        var best = 0;
        foreach (var (dfaState, stack) in state.Positions)
        {
            // Inside this frame, or after returning to each caller in turn with the rest of the stack below.
            var below = 0;
            for (var frame = stack; frame is not null; frame = frame.Parent)
            {
                below = ReachBounds.Add(below, distances[frame.ReturnState]);
            }

            var value = ReachBounds.Add(reach[dfaState], below);
            for (var frame = stack; frame is not null; frame = frame.Parent)
            {
                below -= below >= Infinite ? 0 : distances[frame.ReturnState];
                value = Math.Max(value, ReachBounds.Add(reach[frame.ReturnState], below));
            }

            best = Math.Max(best, value);
        }

        state.Reach = best;
        return best;
    }

    public int TokenDistance(LazyState root)
    {
        if (root.TokenDistance >= 0)
        {
            return root.TokenDistance;
        }

        // Byte distances fall strictly along the way, so this depth-first fill has no cycles.
        var pending = new Stack<LazyState>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var state = pending.Peek();
            if (state.TokenDistance >= 0)
            {
                pending.Pop();
                continue;
            }

            var bytes = ByteDistance(state);
            if (bytes == 0 || bytes >= Infinite)
            {
                state.TokenDistance = bytes == 0 ? (state.Positions.Length == 0 ? 0 : 1) : Infinite;
                pending.Pop();
                continue;
            }

            ShortestSuccessors(state, bytes);
            var best = Infinite;
            var waiting = false;
            foreach (var next in _successors)
            {
                if (next.TokenDistance < 0)
                {
                    pending.Push(next);
                    waiting = true;
                }
                else
                {
                    best = Math.Min(best, ReachBounds.Add(next.TokenDistance, 1));
                }
            }

            if (!waiting)
            {
                state.TokenDistance = best;
                pending.Pop();
            }
        }

        return root.TokenDistance;
    }

    /// <summary>The states after each token that starts one of the state's shortest byte paths.</summary>
    private void ShortestSuccessors(LazyState root, int distance)
    {
        _successors.Clear();
        var visitor = new OnShortestPaths(this, distance);
        TrieWalk.Below(runtime, _trie, _pathStates, root, 0, ref visitor);
    }

    private readonly struct OnShortestPaths(BudgetWalker walker, int distance) : ITrieVisitor
    {
        // A byte off every shortest path never gets back on one: distances fall by at most one a byte.
        public bool Enter(int node, LazyState next) => walker.ByteDistance(next) == distance - walker._trie.Depths[node];

        public void Tokens(ReadOnlySpan<int> tokenIds, LazyState next)
        {
            if (!walker._successors.Contains(next))
            {
                walker._successors.Add(next);
            }
        }
    }

    /// <summary>The allowed tokens after which the token distance is above the state's own, farthest first (cached).</summary>
    private (int Token, int Distance)[] Overshoot(LazyState state)
    {
        if (state.Overshoot is { } cached)
        {
            return cached;
        }

        var found = new List<(int Token, int Distance)>();
        var visitor = new Beyond(this, TokenDistance(state), found);
        TrieWalk.Below(runtime, _trie, _walkStates, state, 0, ref visitor);
        found.Sort((a, b) => b.Distance != a.Distance ? b.Distance.CompareTo(a.Distance) : a.Token.CompareTo(b.Token));
        state.Overshoot = [.. found];
        return state.Overshoot;
    }

    /// <summary>Keeps only the tokens after which the end is at most <paramref name="limit"/> tokens away (EOS stays).</summary>
    private void Narrow(LazyState state, int limit, Span<ulong> mask)
    {
        var cleared = new List<(int Token, int Distance)>();
        var visitor = new Beyond(this, limit, cleared);
        TrieWalk.Below(runtime, _trie, _walkStates, state, 0, ref visitor);
        foreach (var (token, _) in cleared)
        {
            mask[token >> 6] &= ~(1UL << token);
        }
    }

    /// <summary>Collects the tokens the state allows (EOS aside) after which the token distance exceeds a limit.</summary>
    private readonly struct Beyond(BudgetWalker walker, int limit, List<(int Token, int Distance)> found) : ITrieVisitor
    {
        public bool Enter(int node, LazyState next) => true;

        public void Tokens(ReadOnlySpan<int> tokenIds, LazyState next)
        {
            var distance = walker.TokenDistance(next);
            if (distance <= limit)
            {
                return;
            }

            foreach (var token in tokenIds)
            {
                found.Add((token, distance));
            }
        }
    }
}

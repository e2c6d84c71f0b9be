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
    private readonly Dictionary<PositionSetKey, LazyState> _interned = [];
    private readonly int _maxMasks;
    private readonly MaskWalker _masks;
    private readonly BudgetWalker _budget;
    private LazyState?[] _frameStates;
    private int _maskCount;

    public GrammarRuntime(CompiledGrammar grammar, TokenVocabulary vocabulary)
    {
        _grammar = grammar;
        _vocabulary = vocabulary;
        _maxMasks = (int)Math.Max(16, MaxMaskBytes / (8L * Math.Max(1, vocabulary.MaskWords)));
        Dead = new LazyState([], false, grammar.ClassCount);
        _frameStates = new LazyState?[grammar.StateCount];
        _masks = new MaskWalker(this, vocabulary);
        _budget = new BudgetWalker(this, vocabulary);
        lock (_lock)
        {
            Start = Closure([new Position(grammar.RuleStarts[0], null)]);
        }
    }

    public LazyState Start { get; }

    public LazyState Dead { get; }

    public CompiledGrammar Grammar => _grammar;

    /// <summary>
    /// The state of one position taken on its own, as if its rule were the whole grammar
    /// ("complete" then means "its frame returns"): context independent, so cached per DFA state.
    /// </summary>
    internal LazyState FrameState(int dfaState)
    {
        return _frameStates[dfaState] ??= Closure([new Position(dfaState, null)]);
    }

    /// <summary>Where a position continues after its frame returns: the caller's return state.</summary>
    internal LazyState AfterReturn(StackFrame stack) => Closure([new Position(stack.ReturnState, stack.Parent)]);

    /// <summary>A transition while the lock is held (the mask walks run under it).</summary>
    internal LazyState StepHeld(LazyState state, int byteClass) => state.Next[byteClass] ?? StepLocked(state, byteClass);

    internal int[] ByteClasses => _grammar.ByteClass;

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
                CountMask();
                mask = ComputeMask(state);
                state.Mask = mask;
            }

            return mask;
        }
    }

    /// <summary>
    /// The state's mask, narrowed so the end stays within <paramref name="tokensLeft"/> tokens (this
    /// one included): exactly <see cref="MaskOf"/> wherever no allowed token could go beyond that.
    /// </summary>
    public void FillSteered(LazyState state, int tokensLeft, Span<ulong> mask)
    {
        MaskOf(state).AsSpan().CopyTo(mask);
        // Far from the budget (reach known, every byte a token), no lock and no walk.
        if (state.Reach >= 0 && _vocabulary.HasEveryByte && tokensLeft - 1 >= ReachBounds.Add(state.Reach, 1))
        {
            return;
        }

        lock (_lock)
        {
            if (!_budget.AtTheEnd(state, tokensLeft))
            {
                _budget.Steer(state, tokensLeft, mask);
                return;
            }

            var narrowed = state.Narrowed;
            if (narrowed is null)
            {
                CountMask();
                narrowed = mask.ToArray();
                _budget.Narrow(state, narrowed);
                state.Narrowed = narrowed;
            }

            narrowed.AsSpan().CopyTo(mask);
        }
    }

    /// <summary>The fewest tokens to the end, EOS included unless nothing can follow.</summary>
    public int TokensToEnd(LazyState state)
    {
        lock (_lock)
        {
            return _budget.TokenDistance(state);
        }
    }

    /// <summary>
    /// The mask of one position on its own, with its escape nodes (lock held): from the
    /// vocabulary-wide cache for rules that call nothing, else from a direct walk cached here.
    /// </summary>
    internal (ulong[] Mask, int[] Escapes) FrameMaskOf(int dfaState)
    {
        var frame = FrameState(dfaState);
        if (frame.Mask is { } cached && frame.Escapes is { } escapes)
        {
            return (cached, escapes);
        }

        if (_grammar.LeafKey(dfaState) is { } key)
        {
            var shared = _vocabulary.FrameMasks.GetValue(key.Rule, _ => new());
            if (!shared.TryGetValue(key.LocalState, out var entry))
            {
                entry = (_masks.Direct(frame), frame.Escapes!);
                shared[key.LocalState] = entry;
            }

            frame.Escapes = entry.Escapes;
            frame.Mask = entry.Mask;
            return entry;
        }

        CountMask();
        var mask = _masks.Direct(frame);
        var result = (mask, frame.Escapes!);
        frame.Mask = mask;
        return result;
    }

    private void CountMask()
    {
        if (++_maskCount > _maxMasks)
        {
            Flush();
            _maskCount = 1;
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

        next = moved.Count == 0 ? Dead : moved.TrueForAll(IsPlain) ? Intern(Canonical(moved), complete: false) : Closure(moved);
        state.Next[byteClass] = next;
        return next;
    }

    /// <summary>A position whose closure is itself: it reads bytes, calls nothing, cannot end here.</summary>
    private bool IsPlain(Position position) =>
        _grammar.HasByteTransitions[position.State] && _grammar.Calls[position.State].Length == 0 && !_grammar.Accepting[position.State];

    private static Position[] Canonical(List<Position> positions)
    {
        if (positions.Count > 1)
        {
            positions.Sort(ComparePositions);
            positions = positions.Distinct().ToList();
        }

        return [.. positions];
    }

    private static int ComparePositions(Position a, Position b) =>
        a.State != b.State ? a.State.CompareTo(b.State) : StackFrame.HashOf(a.Stack).CompareTo(StackFrame.HashOf(b.Stack));

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

        return Intern(Canonical(result), complete);
    }

    private LazyState Intern(Position[] positions, bool complete)
    {
        if (positions.Length == 0 && !complete)
        {
            return Dead;
        }

        var key = new PositionSetKey(positions, complete);
        if (_interned.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (_interned.Count >= MaxStates)
        {
            Flush();
        }

        var state = new LazyState(positions, complete, _grammar.ClassCount);
        _interned[key] = state;
        return state;
    }

    /// <summary>Drops every cached transition and mask; states held by matchers stay valid and refill.</summary>
    private void Flush()
    {
        foreach (var state in _interned.Values)
        {
            state.Forget();
        }

        _interned.Clear();
        _frameStates = new LazyState?[_grammar.StateCount];
        _maskCount = 0;
    }

    private ulong[] ComputeMask(LazyState state) =>
        state.HasStacks ? _masks.Decomposed(state) : _masks.Direct(state);
}

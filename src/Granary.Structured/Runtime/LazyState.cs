namespace Granary.Structured.Runtime;

/// <summary>
/// A state of the lazily built DFA over whole matcher configurations: the set of grammar positions
/// that can read a byte next, and whether the grammar could end here. Transitions and the token
/// mask are filled in on first use and shared by every matcher of the grammar on the vocabulary.
/// </summary>
internal sealed class LazyState
{
    private ulong[]? _mask;

    public LazyState(Position[] positions, bool isComplete, int classCount)
    {
        Positions = positions;
        IsComplete = isComplete;
        Next = new LazyState?[classCount];
        IsDead = positions.Length == 0 && !isComplete;
        HasStacks = positions.Any(p => p.Stack is not null);
    }

    public Position[] Positions { get; }

    public bool IsComplete { get; }

    /// <summary>No position and not complete: no byte can follow (a field: the mask walk reads it per trie node).</summary>
    public readonly bool IsDead;

    /// <summary>Per byte class; null until computed. Written under the runtime's lock, read without it.</summary>
    public LazyState?[] Next;

    /// <summary>The token mask (EOS bits included when complete); null until computed.</summary>
    public ulong[]? Mask
    {
        get => Volatile.Read(ref _mask);
        set => Volatile.Write(ref _mask, value);
    }

    /// <summary>
    /// With <see cref="Mask"/> from a direct walk: the trie nodes (depth ≥ 1, with children) where
    /// this state's frame can end mid-token — where a caller's continuation takes over.
    /// </summary>
    public int[]? Escapes { get; set; }

    /// <summary>Whether some position has a call stack (masks then decompose by frame).</summary>
    public bool HasStacks { get; }

    // Budget steering's figures (see BudgetWalker): pure functions of the positions, so they
    // survive Forget and a resumed sequence meets the same ones. -1 until computed.

    /// <summary>Fewest bytes to completion.</summary>
    public int ByteDistance { get; set; } = -1;

    /// <summary>Fewest tokens to the end (EOS included unless terminated), along shortest byte paths.</summary>
    public int TokenDistance { get; set; } = -1;

    /// <summary>Bound on the byte distance of any state reachable from here.</summary>
    public int Reach { get; set; } = -1;

    /// <summary>Allowed tokens that move the token distance above this state's, farthest first.</summary>
    public (int Token, int Distance)[]? Overshoot { get; set; }

    /// <summary>The mask when the budget leaves no slack: only tokens that bring the end one token nearer (a cached mask, dropped by Forget).</summary>
    public ulong[]? Narrowed { get; set; }

    public void Forget()
    {
        Next = new LazyState?[Next.Length];
        Mask = null;
        Escapes = null;
        Narrowed = null;
    }
}

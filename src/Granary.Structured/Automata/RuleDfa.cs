using Granary.Structured.Expressions;

namespace Granary.Structured.Automata;

/// <summary>One rule's deterministic automaton over bytes (state 0 starts), with calls of other rules.</summary>
internal sealed class RuleDfa(
    IReadOnlyList<IReadOnlyList<(byte Low, byte High, int Target)>> bytes,
    IReadOnlyList<IReadOnlyList<(GrammarRule Callee, int Return)>> calls,
    IReadOnlyList<bool> accepting)
{
    public IReadOnlyList<IReadOnlyList<(byte Low, byte High, int Target)>> Bytes { get; } = bytes;

    public IReadOnlyList<IReadOnlyList<(GrammarRule Callee, int Return)>> Calls { get; } = calls;

    public IReadOnlyList<bool> Accepting { get; } = accepting;

    public int StateCount => Accepting.Count;

    public bool CallsNothing { get; } = calls.All(list => list.Count == 0);
}

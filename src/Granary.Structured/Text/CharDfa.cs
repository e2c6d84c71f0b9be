namespace Granary.Structured.Text;

/// <summary>
/// A deterministic automaton over code points: per state, disjoint code point sets to targets.
/// State 0 is the start. Built by <see cref="CharDfaBuilder"/>; combined by <see cref="CharDfaOperations"/>.
/// </summary>
internal sealed class CharDfa
{
    public CharDfa(IReadOnlyList<IReadOnlyList<(CodePointSet Set, int Target)>> transitions, IReadOnlyList<bool> accepting)
    {
        Transitions = transitions;
        Accepting = accepting;
    }

    public IReadOnlyList<IReadOnlyList<(CodePointSet Set, int Target)>> Transitions { get; }

    public IReadOnlyList<bool> Accepting { get; }

    public int StateCount => Accepting.Count;

    public bool IsEmptyLanguage => StateCount == 0;
}

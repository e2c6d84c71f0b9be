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

    /// <summary>The target on <paramref name="codePoint"/>, or -1.</summary>
    public int Next(int state, int codePoint)
    {
        foreach (var (set, target) in Transitions[state])
        {
            if (set.Contains(codePoint))
            {
                return target;
            }
        }

        return -1;
    }

    public bool Matches(string text)
    {
        if (IsEmptyLanguage)
        {
            return false;
        }

        var state = 0;
        for (var i = 0; i < text.Length && state >= 0; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            state = Next(state, char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text, i) : text[i]);
        }

        return state >= 0 && Accepting[state];
    }
}

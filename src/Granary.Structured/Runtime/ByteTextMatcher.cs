using Granary.Structured.Automata;

namespace Granary.Structured.Runtime;

/// <summary>Whether a whole byte text is a sentence of a compiled grammar (no vocabulary involved).</summary>
internal static class ByteTextMatcher
{
    private static readonly TokenVocabulary NoTokens = TokenVocabulary.Create([], new HashSet<int>(), new HashSet<int>());

    public static bool Matches(CompiledGrammar grammar, ReadOnlySpan<byte> text)
    {
        var runtime = new GrammarRuntime(grammar, NoTokens);
        var state = runtime.Start;
        foreach (var value in text)
        {
            state = runtime.Step(state, value);
            if (state.IsDead)
            {
                return false;
            }
        }

        return state.IsComplete;
    }
}

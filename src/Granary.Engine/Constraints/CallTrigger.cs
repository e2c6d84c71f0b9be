using System.Text;
using Granary.Structured;

namespace Granary.Engine.Constraints;

/// <summary>An auto-mode trigger ready for the step thread: its bytes to look for, and the grammar of the call it opens.</summary>
internal sealed class CallTrigger(byte[] pattern, bool atStartOnly, Grammar grammar)
{
    private int[]? _candidates;

    public byte[] Pattern { get; } = pattern;

    public bool AtStartOnly { get; } = atStartOnly;

    public Grammar Grammar { get; } = grammar;

    public CallTrigger(string text, bool atStartOnly, Grammar grammar)
        : this(Encoding.UTF8.GetBytes(text), atStartOnly, grammar)
    {
    }

    /// <summary>
    /// The tokens that could complete this trigger after some text: those holding its last byte. Found
    /// once per engine (triggers are cached with their grammars), so the late-call check scans a few, not the vocabulary.
    /// </summary>
    public int[] CandidateTokens(ConstraintVocabulary vocabulary) => _candidates ??= Enumerable
        .Range(0, vocabulary.Vocabulary.Size)
        .Where(token => vocabulary.TokenBytes(token).AsSpan().IndexOf(Pattern[^1]) >= 0)
        .ToArray();
}

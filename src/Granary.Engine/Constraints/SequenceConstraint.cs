using System.Text;
using Granary.Engine.Tools;
using Granary.Structured;

namespace Granary.Engine.Constraints;

/// <summary>
/// One choice's grammar state. A request-wide grammar applies from the first token; in tool
/// auto mode the choice runs free until it writes a call's opening trigger, and from then on the
/// rest of the call is constrained, starting from the bytes already written since the trigger.
/// </summary>
internal sealed class SequenceConstraint
{
    private readonly ConstraintVocabulary _vocabulary;
    private readonly ToolCallPlan? _autoCalls;
    private readonly List<byte> _freeBytes = [];
    private int _scanned;

    private SequenceConstraint(ConstraintVocabulary vocabulary, GrammarMatcher? matcher, ToolCallPlan? autoCalls)
    {
        _vocabulary = vocabulary;
        Matcher = matcher;
        _autoCalls = autoCalls;
    }

    /// <summary>The grammar now in force; null while an auto-mode choice writes free text.</summary>
    public GrammarMatcher? Matcher { get; private set; }

    /// <summary>The grammar is satisfied and allows nothing more: the choice is done.</summary>
    public bool IsTerminated => Matcher?.IsTerminated == true;

    public static SequenceConstraint? For(Grammar? grammar, ToolCallPlan? toolCalls, ConstraintVocabulary vocabulary)
    {
        if (grammar is not null) return new SequenceConstraint(vocabulary, new GrammarMatcher(grammar, vocabulary.Vocabulary), null);
        return toolCalls is { CallsRequired: false } ? new SequenceConstraint(vocabulary, null, toolCalls) : null;
    }

    public SequenceConstraint Clone()
    {
        var copy = new SequenceConstraint(_vocabulary, Matcher?.Clone(), _autoCalls) { _scanned = _scanned };
        copy._freeBytes.AddRange(_freeBytes);
        return copy;
    }

    /// <summary>Records a sampled token; false if the grammar in force rejects it (the mask should have made that impossible).</summary>
    public bool Accept(int tokenId)
    {
        if (Matcher is not null) return Matcher.AcceptToken(tokenId);
        if (_autoCalls is null) return true;
        _freeBytes.AddRange(_vocabulary.TokenBytes(tokenId));
        WatchForTrigger(_autoCalls);
        return true;
    }

    private void WatchForTrigger(ToolCallPlan plan)
    {
        var text = CollectionsMarshalSpan();
        foreach (var trigger in plan.Syntax.Triggers)
        {
            var pattern = Encoding.UTF8.GetBytes(trigger.Text);
            var at = trigger.AtStartOnly ? AtStart(text, pattern) : Find(text, pattern);
            if (at < 0) continue;
            var matcher = new GrammarMatcher(RequestGrammar.FromTrigger(plan, trigger), _vocabulary.Vocabulary);
            // If what followed the trigger already broke the call syntax, the parser hands it back as text.
            if (matcher.AcceptBytes(text[at..])) Matcher = matcher;
            return;
        }
        _scanned = Math.Max(0, text.Length - plan.Syntax.Triggers.Max(t => Encoding.UTF8.GetByteCount(t.Text)));
    }

    private int Find(ReadOnlySpan<byte> text, byte[] pattern)
    {
        var at = text[_scanned..].IndexOf(pattern);
        return at < 0 ? -1 : _scanned + at;
    }

    private static int AtStart(ReadOnlySpan<byte> text, byte[] pattern)
    {
        var start = 0;
        while (start < text.Length && text[start] is (byte)' ' or (byte)'\n' or (byte)'\t' or (byte)'\r') start++;
        return text[start..].StartsWith(pattern) ? start : -1;
    }

    private ReadOnlySpan<byte> CollectionsMarshalSpan() => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_freeBytes);
}

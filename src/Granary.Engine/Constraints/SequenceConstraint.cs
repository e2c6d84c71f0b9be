using System.Runtime.InteropServices;
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
    private readonly IReadOnlyList<CallTrigger>? _triggers;
    private readonly List<byte> _freeBytes = [];
    private int _scanned;
    private int[]? _callTokens;

    private SequenceConstraint(ConstraintVocabulary vocabulary, GrammarMatcher? matcher, IReadOnlyList<CallTrigger>? triggers)
    {
        _vocabulary = vocabulary;
        Matcher = matcher;
        _triggers = triggers;
    }

    /// <summary>The grammar now in force; null while an auto-mode choice writes free text.</summary>
    public GrammarMatcher? Matcher { get; private set; }

    /// <summary>The grammar is satisfied and allows nothing more: the choice is done.</summary>
    public bool IsTerminated => Matcher?.IsTerminated == true;

    public static SequenceConstraint? For(Grammar? grammar, IReadOnlyList<CallTrigger>? callTriggers, ConstraintVocabulary vocabulary)
    {
        if (grammar is not null) return new SequenceConstraint(vocabulary, new GrammarMatcher(grammar, vocabulary.Vocabulary), null);
        return callTriggers is not null ? new SequenceConstraint(vocabulary, null, callTriggers) : null;
    }

    public SequenceConstraint Clone()
    {
        var copy = new SequenceConstraint(_vocabulary, Matcher?.Clone(), _triggers) { _scanned = _scanned, _callTokens = _callTokens };
        copy._freeBytes.AddRange(_freeBytes);
        return copy;
    }

    /// <summary>Records a sampled token; false if the grammar in force rejects it (the mask should have made that impossible).</summary>
    public bool Accept(int tokenId)
    {
        if (Matcher is not null) return Matcher.AcceptToken(tokenId);
        if (_triggers is null) return true;
        _freeBytes.AddRange(_vocabulary.TokenBytes(tokenId));
        WatchForTrigger(_triggers);
        return true;
    }

    /// <summary>
    /// While an auto-mode choice writes free text: the tokens that would complete a call's trigger
    /// although the shortest call it opens no longer fits in <paramref name="tokensLeft"/> (this token
    /// included). Such a call could only be cut short and dropped, so the text goes on instead.
    /// </summary>
    public IReadOnlyList<int> LateTriggerTokens(int tokensLeft)
    {
        if (Matcher is not null || _triggers is null) return [];
        _callTokens ??= _triggers.Select(ShortestCall).ToArray();
        List<int>? late = null;
        for (var i = 0; i < _triggers.Count; i++)
        {
            if (_callTokens[i] <= tokensLeft - 1) continue;
            var trigger = _triggers[i];
            foreach (var token in trigger.CandidateTokens(_vocabulary))
                if (Completes(trigger, _vocabulary.TokenBytes(token))) (late ??= []).Add(token);
        }
        return late ?? (IReadOnlyList<int>)[];
    }

    // Tokens the call needs after its trigger: the grammar's shortest way from the trigger's end.
    private int ShortestCall(CallTrigger trigger)
    {
        var matcher = new GrammarMatcher(trigger.Grammar, _vocabulary.Vocabulary);
        return matcher.AcceptBytes(trigger.Pattern) ? matcher.TokensToCompletion : 0;
    }

    private bool Completes(CallTrigger trigger, byte[] token)
    {
        var text = CollectionsMarshal.AsSpan(_freeBytes);
        if (trigger.AtStartOnly)
        {
            var joined = new byte[text.Length + token.Length];
            text.CopyTo(joined);
            token.CopyTo(joined.AsSpan(text.Length));
            return AtStart(joined, trigger.Pattern) >= 0;
        }
        // Only an occurrence that ends inside the new token is new (earlier ones were already watched for):
        // inside the token, or begun in the text's tail and finished by the token. Checked in place, as
        // this runs for every candidate token of every late step.
        var pattern = trigger.Pattern.AsSpan();
        if (token.AsSpan().IndexOf(pattern) >= 0) return true;
        for (var inText = Math.Min(pattern.Length - 1, text.Length); inText > 0; inText--)
        {
            if (text.EndsWith(pattern[..inText]) && token.AsSpan().StartsWith(pattern[inText..])) return true;
        }
        return false;
    }

    private void WatchForTrigger(IReadOnlyList<CallTrigger> triggers)
    {
        var text = CollectionsMarshal.AsSpan(_freeBytes);
        var longest = 0;
        foreach (var trigger in triggers)
        {
            var at = trigger.AtStartOnly ? AtStart(text, trigger.Pattern) : Find(text, trigger.Pattern);
            longest = Math.Max(longest, trigger.Pattern.Length);
            if (at < 0) continue;
            var matcher = new GrammarMatcher(trigger.Grammar, _vocabulary.Vocabulary);
            // If what followed the trigger already broke the call syntax, the parser hands it back as text.
            if (matcher.AcceptBytes(text[at..])) Matcher = matcher;
            return;
        }
        _scanned = Math.Max(0, text.Length - longest);
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
}

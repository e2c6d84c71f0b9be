using Granary.Engine.Abstractions;
using Granary.Engine.Scheduling;

namespace Granary.Engine.Output;

/// <summary>
/// Rebuilds a resumed choice's state from the tokens its client already has: each goes through the
/// same stop rules as a sampled token (grammar, detokenizer, tool call parser, stop strings, limits),
/// and what it released is dropped, since the interrupted replica already sent it. The choice's next
/// delta then continues exactly where that replica's stream stopped.
/// </summary>
internal static class ChoiceReplay
{
    /// <returns>The last prior token's verdict: a finish when the prior tokens already end the choice.</returns>
    /// <exception cref="EngineRequestException">The progress cannot come from this request (its tokens, text or calls do not agree).</exception>
    public static TokenVerdict Replay(Sequence sequence, ChoiceProgress progress, StopRules stops)
    {
        var verdict = default(TokenVerdict);
        var tokens = progress.TokenIds;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (verdict.Finish is not null) throw Mismatch(sequence, $"{tokens.Length} tokens, but it ends at token {i - 1}");
            verdict = stops.Append(sequence, tokens[i]);
            if (verdict.GrammarRejected) throw Mismatch(sequence, $"token {i} ({tokens[i]}) breaks the output's grammar");
            sequence.Output.TakeDelta(finishing: false);
            sequence.Output.TakeToolCalls();
        }
        // Replayed, the output holds back what the interrupted one held back, so its client has exactly the text
        // released so far; its count still decides where the next delta starts. When the prior tokens end the
        // choice here (its client saw them go on: the first replica's limits differed), the last delta is
        // whatever is left after that text, and nothing if the client has more than the choice now keeps.
        var delivered = verdict.Finish is null ? progress.TextLength : Math.Min(progress.TextLength, sequence.Output.ContentLength);
        if (!sequence.Output.SkipDelivered(delivered))
            throw Mismatch(sequence, $"{progress.TextLength} characters of text, more than its tokens make");
        if (sequence.Output.ToolCallCount != progress.ToolCalls)
            throw Mismatch(sequence, $"{progress.ToolCalls} tool calls, but its tokens open {sequence.Output.ToolCallCount}");
        return verdict;
    }

    private static EngineRequestException Mismatch(Sequence sequence, string detail) =>
        new($"The resume point does not fit choice {sequence.Choice} of this request: it has {detail}.", "resume");
}

using Granary.Engine.Abstractions;
using Granary.Engine.Scheduling;

namespace Granary.Engine.Output;

/// <summary>
/// Writes a request's events: its prompt event before any choice output, then each choice's deltas.
/// A choice's last delta takes its sequence out of the scheduler; the request's stream completes
/// when its last choice ends.
/// </summary>
internal sealed class ChoiceEvents(Scheduler scheduler)
{
    private readonly List<RequestState> _finished = [];

    /// <summary>Writes the prompt event if it is still pending.</summary>
    public void PublishPrompt(RequestState request, int cachedPromptTokens)
    {
        if (request.PendingPromptInfo is not { } prompt) return;
        request.Timeline.CachedTokens = cachedPromptTokens;
        request.Events.TryWrite(new GenerationEvent
        {
            Prompt = prompt with { CachedTokenCount = cachedPromptTokens, Logprobs = request.PromptLogprobs?.ToArray() },
        });
        request.PendingPromptInfo = null;
    }

    /// <summary>
    /// Writes the delta of a choice's newest <paramref name="tokenIds"/> (none when a resumed choice's
    /// prior tokens already ended it): the text and tool calls its output now releases, and, when
    /// <paramref name="verdict"/> ends the choice, everything left and how it finished.
    /// </summary>
    public void Publish(Sequence sequence, TokenVerdict verdict, int[] tokenIds, TokenLogprob? logprob)
    {
        var request = sequence.Request;
        var finish = verdict.Finish;
        var text = sequence.Output.TakeDelta(finishing: finish is not null);
        // A choice that called tools and stopped on its own ends with tool_calls (a cut-off one stays length).
        if (finish == FinishReason.Stop && sequence.Output.MadeToolCalls) finish = FinishReason.ToolCalls;
        request.Events.TryWrite(new GenerationEvent
        {
            Choice = sequence.Choice,
            Text = text,
            ToolCalls = sequence.Output.TakeToolCalls(),
            TokenIds = tokenIds,
            Logprobs = logprob is null ? null : [logprob],
            FinishReason = finish,
            StopReason = sequence.Output.MatchedStop,
            StopTokenId = verdict.StopTokenId,
            CompletionTokens = finish is null ? 0 : sequence.OutputLength,
        });
        request.Timeline.OnTokens(sequence.Choice, tokenIds.Length);
        if (finish is null) return;

        request.Timeline.LastFinish = finish;
        scheduler.Finish(sequence);
        request.Sequences.Remove(sequence);
        CountFinishedChoice(request);
    }

    /// <summary>Counts a choice that has ended (a resumed request's choice the client already has whole, too); the last one completes the stream.</summary>
    public void CountFinishedChoice(RequestState request)
    {
        if (++request.FinishedChoices < request.Sampling.N) return;
        request.Timeline.Report();
        request.Events.TryComplete();
        request.Dispose();
        _finished.Add(request);
    }

    /// <summary>Requests whose every choice finished since the last call.</summary>
    public IReadOnlyList<RequestState> TakeFinishedRequests()
    {
        var finished = _finished.ToArray();
        _finished.Clear();
        return finished;
    }
}

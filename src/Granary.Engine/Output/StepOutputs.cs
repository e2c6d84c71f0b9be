using Granary.Engine.Abstractions;
using Granary.Engine.Sampling;
using Granary.Engine.Scheduling;
using static TorchSharp.torch;

namespace Granary.Engine.Output;

/// <summary>
/// After a forward pass: samples the next token of every sequence that produced logits, forks a
/// prompt's n choices off its single prefill, applies stop rules, and publishes each choice's delta.
/// </summary>
internal sealed class StepOutputs(Scheduler scheduler, SequenceFactory sequences, LogprobsBuilder logprobs, IReadOnlySet<int> eosTokenIds, int maxModelLength)
{
    private readonly List<RequestState> _finished = [];

    public void Process(IReadOnlyList<Sequence> sampled, Tensor logits)
    {
        // A prompt whose n > 1 choices share this prefill gets one sampling row per choice.
        var targets = new List<(Sequence Source, int Choice)>();
        var rowIndex = new List<long>();
        for (var i = 0; i < sampled.Count; i++)
        {
            var sequence = sampled[i];
            var fork = sequence.OutputLength == 0 && sequence.Request.Sequences.Count == 1 ? sequence.Request.Sampling.N : 1;
            for (var choice = 0; choice < fork; choice++)
            {
                targets.Add((sequence, fork == 1 ? sequence.Choice : choice));
                rowIndex.Add(i);
            }
        }

        using var scope = NewDisposeScope();
        var rows = rowIndex.Count == sampled.Count ? logits : logits.index_select(0, tensor(rowIndex.ToArray(), device: logits.device));
        var samplingRows = targets.Select(t => new SamplingRow(
            t.Source.Request.Sampling, t.Source.Request.Generators[t.Choice], t.Source.Request.PromptIds,
            t.Source.OutputTokenIds, eosTokenIds, t.Source.Constraint?.Matcher)).ToArray();
        var output = Sampler.Sample(rows, samplingRows);

        // Forks first, while the prompt's blocks are still the parent's alone.
        var resolved = targets.Select(t => t.Choice == t.Source.Choice ? t.Source : sequences.Fork(t.Source, t.Choice)).ToArray();
        for (var r = 0; r < targets.Count; r++)
        {
            var (source, _) = targets[r];
            var sequence = resolved[r];
            var request = sequence.Request;
            if (request.PendingPromptInfo is { } prompt)
            {
                request.Events.TryWrite(new GenerationEvent
                {
                    Prompt = prompt with { CachedTokenCount = source.CachedPromptTokens, Logprobs = request.PromptLogprobs?.ToArray() },
                });
                request.PendingPromptInfo = null;
            }
            var logprob = output.SampledLogprobs is null ? null
                : logprobs.Build(output.TokenIds[r], output.SampledLogprobs[r], output.TopIds?[r], output.TopLogprobs?[r], request.Sampling.Logprobs ?? 0);
            Advance(sequence, output.TokenIds[r], logprob);
        }
    }

    /// <summary>Requests whose every choice finished since the last call.</summary>
    public IReadOnlyList<RequestState> TakeFinishedRequests()
    {
        var finished = _finished.ToArray();
        _finished.Clear();
        return finished;
    }

    private void Advance(Sequence sequence, int token, TokenLogprob? logprob)
    {
        var sampling = sequence.Request.Sampling;
        sequence.Append(token);
        // The mask allowed only tokens the grammar accepts, so a rejection means a bug: end the choice rather than emit invalid text.
        var grammarBroken = sequence.Constraint?.Accept(token) == false;

        FinishReason? finish = null;
        int? stopTokenId = null;
        var isEos = !sampling.IgnoreEos && eosTokenIds.Contains(token);
        if (isEos || sampling.StopTokenIds.Contains(token))
        {
            finish = FinishReason.Stop;
            stopTokenId = isEos ? null : token;
        }
        // A stop token's own text is left out unless the client asked for stop text in the output.
        if ((finish is null || sampling.IncludeStopStringInOutput) && sequence.Output.Add(token))
            finish = FinishReason.Stop;
        // A grammar that is satisfied and allows nothing more (only EOS could follow) ends the choice.
        if (finish is null && (grammarBroken || sequence.Constraint?.IsTerminated == true))
            finish = FinishReason.Stop;
        if (finish is null && (sequence.OutputLength >= sampling.MaxTokens || sequence.TokenIds.Count >= maxModelLength))
            finish = FinishReason.Length;

        var request = sequence.Request;
        var text = sequence.Output.TakeDelta(finishing: finish is not null);
        // A choice that called tools and stopped on its own ends with tool_calls (a cut-off one stays length).
        if (finish == FinishReason.Stop && sequence.Output.MadeToolCalls) finish = FinishReason.ToolCalls;
        request.Events.TryWrite(new GenerationEvent
        {
            Choice = sequence.Choice,
            Text = text,
            ToolCalls = sequence.Output.TakeToolCalls(),
            TokenIds = [token],
            Logprobs = logprob is null ? null : [logprob],
            FinishReason = finish,
            StopReason = sequence.Output.MatchedStop,
            StopTokenId = stopTokenId,
            CompletionTokens = finish is null ? 0 : sequence.OutputLength,
        });
        if (finish is null) return;

        scheduler.Finish(sequence);
        request.Sequences.Remove(sequence);
        if (++request.FinishedChoices < sampling.N) return;
        request.Events.TryComplete();
        request.Dispose();
        _finished.Add(request);
    }
}

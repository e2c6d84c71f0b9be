using Granary.Engine.Sampling;
using Granary.Engine.Scheduling;
using static TorchSharp.torch;

namespace Granary.Engine.Output;

/// <summary>
/// After a forward pass: samples the next token of every sequence that produced logits, forks a
/// prompt's n choices off its single prefill, applies stop rules, and publishes each choice's delta.
/// </summary>
internal sealed class StepOutputs(SequenceFactory sequences, LogprobsBuilder logprobs, StopRules stops, ChoiceEvents events, IReadOnlySet<int> eosTokenIds)
{
    public void Process(IReadOnlyList<Sequence> sampled, Tensor logits)
    {
        // A prompt whose n > 1 choices share this prefill gets one sampling row per choice.
        var targets = new List<(Sequence Source, int Choice)>();
        var rowIndex = new List<long>();
        for (var i = 0; i < sampled.Count; i++)
        {
            var sequence = sampled[i];
            var fork = sequence.ForksChoices && sequence.OutputLength == 0 ? sequence.Request.Sampling.N : 1;
            for (var choice = 0; choice < fork; choice++)
            {
                targets.Add((sequence, fork == 1 ? sequence.Choice : choice));
                rowIndex.Add(i);
            }
        }

        using var scope = NewDisposeScope();
        var rows = rowIndex.Count == sampled.Count ? logits : logits.index_select(0, tensor(rowIndex.ToArray(), device: logits.device));
        // A choice's draw at output position p is seeded by (seed, choice, p): the position is the tokens it already has.
        var samplingRows = targets.Select(t => Row(t.Source, t.Choice)).ToArray();
        var output = Sampler.Sample(rows, samplingRows);

        // Forks first, while the prompt's blocks are still the parent's alone.
        var resolved = targets.Select(t => t.Choice == t.Source.Choice ? t.Source : sequences.Fork(t.Source, t.Choice)).ToArray();
        for (var r = 0; r < targets.Count; r++)
        {
            var sequence = resolved[r];
            var request = sequence.Request;
            events.PublishPrompt(request, targets[r].Source.CachedPromptTokens);
            var token = output.TokenIds[r];
            var logprob = output.SampledLogprobs is null ? null
                : logprobs.Build(token, output.SampledLogprobs[r], output.TopIds?[r], output.TopLogprobs?[r], request.Sampling.Logprobs ?? 0);
            events.Publish(sequence, stops.Append(sequence, token), [token], logprob);
        }
    }

    private SamplingRow Row(Sequence sequence, int choice)
    {
        var request = sequence.Request;
        var tokensLeft = TokensLeft(sequence);
        return new SamplingRow(request.Sampling, request.RandomFor(choice, sequence.OutputLength), request.PromptIds, sequence.OutputTokenIds,
            eosTokenIds, sequence.Constraint?.Matcher, tokensLeft, sequence.Constraint?.LateTriggerTokens(tokensLeft));
    }

    /// <summary>
    /// Tokens the choice may still take, this one included: max_tokens was clamped to the context
    /// window at admission, so it is the budget. A function of the tokens so far, so a resumed choice steers as the original did.
    /// </summary>
    private static int TokensLeft(Sequence sequence) => Math.Max(1, sequence.Request.Sampling.MaxTokens - sequence.OutputLength);
}

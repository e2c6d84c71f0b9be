using Granary.Engine.Abstractions;
using Granary.Structured;
using static TorchSharp.torch;

namespace Granary.Engine.Sampling;

/// <summary>What the sampler needs to know about one logits row.</summary>
internal sealed record SamplingRow(
    SamplingParams Params,
    Generator? Generator,
    IReadOnlyList<int> PromptTokens,
    IReadOnlyList<int> OutputTokens,
    IReadOnlyCollection<int> EosTokenIds,
    GrammarMatcher? Grammar = null,
    int TokensLeft = int.MaxValue,
    IReadOnlyList<int>? LateTriggerTokens = null)
{
    /// <summary>Tokens that may not be sampled yet because min_tokens is not reached.</summary>
    public IEnumerable<int> BlockedStopTokens => OutputTokens.Count < Params.MinTokens
        ? (Params.IgnoreEos ? [] : EosTokenIds).Concat(Params.StopTokenIds)
        : [];
}

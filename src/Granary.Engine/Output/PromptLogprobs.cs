using Granary.Engine.Abstractions;
using Granary.Engine.Scheduling;
using static TorchSharp.torch;

namespace Granary.Engine.Output;

/// <summary>
/// Collects prompt logprobs (echo with logprobs, vLLM's prompt_logprobs) from prefill logits: the
/// logits of position i score the prompt token at i + 1. The first prompt token has none.
/// </summary>
internal sealed class PromptLogprobs(LogprobsBuilder builder)
{
    /// <param name="logits">[chunk tokens, vocab] float32 logits of the chunk that starts at <paramref name="start"/>.</param>
    public void Collect(Sequence sequence, Tensor logits, int start)
    {
        var request = sequence.Request;
        var collected = request.PromptLogprobs ??= [null];
        var promptLength = sequence.PromptLength;
        // Rows whose next token is still a prompt token, and that a preemption has not already scored.
        var first = Math.Max(start, collected.Count - 1);
        var last = Math.Min(start + (int)logits.shape[0], promptLength - 1);
        if (first >= last) return;

        using var scope = NewDisposeScope();
        var rows = logits.narrow(0, first - start, last - first).log_softmax(1);
        var targets = sequence.TokenIds.Skip(first + 1).Take(last - first).Select(t => (long)t).ToArray();
        var chosen = rows.gather(1, tensor(targets, device: rows.device).unsqueeze(1)).squeeze(1).cpu().data<float>().ToArray();
        var top = request.Sampling.PromptLogprobs ?? 0;
        long[]? topIds = null;
        float[]? topValues = null;
        if (top > 0)
        {
            var (values, indices) = rows.topk(top, 1);
            topIds = indices.cpu().data<long>().ToArray();
            topValues = values.cpu().data<float>().ToArray();
        }
        for (var i = 0; i < targets.Length; i++)
        {
            collected.Add(builder.Build((int)targets[i], chosen[i],
                topIds?.AsSpan(i * top, top).ToArray(), topValues?.AsSpan(i * top, top).ToArray(), top));
        }
    }
}

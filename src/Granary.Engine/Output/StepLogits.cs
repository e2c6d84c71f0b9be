using Granary.Engine.Generation;
using Granary.Engine.Scheduling;
using static TorchSharp.torch;

namespace Granary.Engine.Output;

/// <summary>
/// Splits a step's logits: ModelRunner returns them chunk by chunk (every token of a chunk that
/// scores its prompt, else the last token); prompt-scoring rows go to <see cref="PromptLogprobs"/>,
/// and the last row of each sampling chunk goes on to the sampler.
/// </summary>
internal static class StepLogits
{
    public static Tensor ForSampling(IReadOnlyList<ScheduledSequence> step, IReadOnlyList<ScheduledChunk> chunks, Tensor logits, PromptLogprobs prompts)
    {
        if (!chunks.Any(c => c.AllLogits)) return logits;
        var rows = new List<long>();
        var offset = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            var count = chunks[i].LogitRows;
            if (chunks[i].AllLogits) prompts.Collect(step[i].Sequence, logits.narrow(0, offset, count), step[i].StartPosition);
            if (step[i].Samples) rows.Add(offset + count - 1);
            offset += count;
        }
        return logits.index_select(0, tensor(rows.ToArray(), device: logits.device));
    }
}

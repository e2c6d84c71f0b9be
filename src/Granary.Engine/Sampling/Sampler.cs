using static TorchSharp.torch;

namespace Granary.Engine.Sampling;

/// <summary>
/// Picks one token per logits row on the device: logits processors, then greedy argmax for
/// temperature 0, else temperature, truncation and an exponential race (argmax p/q with
/// q ~ Exp(1), equivalent to sampling p) whose noise comes from the row's own generator when the
/// request is seeded, so a seeded request samples the same tokens however it is batched.
/// Only the sampled ids and requested logprobs come back to the host.
/// </summary>
internal static class Sampler
{
    public static SamplerOutput Sample(Tensor logits, IReadOnlyList<SamplingRow> rows)
    {
        using var scope = NewDisposeScope();
        var count = rows.Count;
        var maxTop = rows.Max(r => r.Params.Logprobs ?? -1);
        var raw = maxTop >= 0 ? logits.log_softmax(1) : null;

        var processed = logits.clone();
        LogitsProcessors.Apply(processed, rows);
        GrammarMask.Apply(processed, rows);
        var tokens = processed.argmax(1);

        var random = Enumerable.Range(0, count).Where(i => !rows[i].Params.IsGreedy).ToArray();
        if (random.Length > 0)
        {
            var device = logits.device;
            var index = tensor(random.Select(i => (long)i).ToArray(), device: device);
            var subset = random.Select(i => rows[i]).ToArray();
            var temperature = tensor(subset.Select(r => (float)r.Params.Temperature).ToArray(), device: device).unsqueeze(1);
            var filtered = TruncationFilters.Apply(processed.index_select(0, index) / temperature, subset);
            var probabilities = filtered.softmax(1);
            var noise = ExponentialNoise(subset, probabilities.shape[1], device);
            tokens = tokens.index_copy(0, index, (probabilities / noise).argmax(1));
        }

        var ids = tokens.cpu().data<long>().Select(t => (int)t).ToArray();
        if (raw is null) return new SamplerOutput(ids, null, null, null);

        var sampledLogprobs = raw.gather(1, tokens.unsqueeze(1)).squeeze(1).cpu().data<float>().ToArray();
        if (maxTop == 0) return new SamplerOutput(ids, sampledLogprobs, null, null);
        var (topValues, topIds) = raw.topk(maxTop, 1);
        var values = topValues.cpu().data<float>().ToArray();
        var indices = topIds.cpu().data<long>().ToArray();
        return new SamplerOutput(ids, sampledLogprobs,
            Enumerable.Range(0, count).Select(r => indices.AsSpan(r * maxTop, maxTop).ToArray()).ToArray(),
            Enumerable.Range(0, count).Select(r => values.AsSpan(r * maxTop, maxTop).ToArray()).ToArray());
    }

    private static Tensor ExponentialNoise(IReadOnlyList<SamplingRow> rows, long vocab, Device device)
    {
        if (rows.All(r => r.Generator is null))
            return empty([rows.Count, vocab], ScalarType.Float32, device).exponential_(1.0, null);
        return stack(rows.Select(r => empty(vocab, ScalarType.Float32, device).exponential_(1.0, r.Generator)).ToArray());
    }
}

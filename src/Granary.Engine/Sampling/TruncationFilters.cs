using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Sampling;

/// <summary>
/// Top-k, then top-p (over the renormalised top-k set, as HF and vLLM do), then min-p, on
/// temperature-scaled logits. Filtered-out entries become -inf. Rows with a filter off are untouched.
/// </summary>
internal static class TruncationFilters
{
    public static Tensor Apply(Tensor scaled, IReadOnlyList<SamplingRow> rows)
    {
        var vocab = scaled.shape[1];
        var topK = rows.Select(r => r.Params.TopK > 0 && r.Params.TopK < vocab ? r.Params.TopK : (int)vocab).ToArray();
        var topP = rows.Select(r => r.Params.TopP).ToArray();
        var minP = rows.Select(r => r.Params.MinP).ToArray();
        var result = scaled;
        var device = scaled.device;

        if (topK.Any(k => k < vocab) || topP.Any(p => p < 1.0))
        {
            var (sorted, order) = result.sort(1, descending: true);
            var rank = arange(vocab, device: device).unsqueeze(0);
            var dropped = rank >= tensor(topK.Select(k => (long)k).ToArray(), device: device).unsqueeze(1);
            sorted = sorted.masked_fill(dropped, Scalars.MinusInfinity);
            if (topP.Any(p => p < 1.0))
            {
                var probabilities = sorted.softmax(1);
                var before = probabilities.cumsum(1) - probabilities; // mass of strictly more likely tokens
                var pLimit = tensor(topP.Select(p => (float)p).ToArray(), device: device).unsqueeze(1);
                sorted = sorted.masked_fill(before >= pLimit, Scalars.MinusInfinity);
            }
            result = full_like(result, Scalars.MinusInfinity).scatter(1, order, sorted);
        }

        if (minP.Any(p => p > 0))
        {
            var probabilities = result.softmax(1);
            var threshold = probabilities.amax([1], keepdim: true) * tensor(minP.Select(p => (float)p).ToArray(), device: device).unsqueeze(1);
            result = result.masked_fill(probabilities < threshold, Scalars.MinusInfinity);
        }
        return result;
    }
}

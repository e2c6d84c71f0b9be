using System.Text.Json.Nodes;

namespace Granary.Engine.Tests.Support;

/// <summary>HF's rope inverse frequencies and attention scaling, transcribed in double precision.</summary>
internal static class ReferenceRope
{
    /// <param name="sequenceLength">The forward's sequence length, by which LongRoPE picks short or long factors.</param>
    public static (double[] InvFreq, double Scale) InvFreq(JsonObject config, int headDim, int sequenceLength = 0)
    {
        var rope = (config["rope_parameters"] ?? config["rope_scaling"])?.AsObject();
        var theta = (rope?["rope_theta"] ?? config["rope_theta"])?.GetValue<double>() ?? 10000.0;
        var type = (rope?["rope_type"] ?? rope?["type"])?.GetValue<string>() ?? "default";
        var partial = (rope?["partial_rotary_factor"] ?? config["partial_rotary_factor"])?.GetValue<double>() ?? 1.0;
        var dim = (int)(headDim * partial);
        var baseFreq = Enumerable.Range(0, dim / 2).Select(i => 1.0 / Math.Pow(theta, 2.0 * i / dim)).ToArray();
        double Get(string key, double fallback) => rope?[key]?.GetValue<double>() ?? fallback;
        var maxPos = config["max_position_embeddings"]!.GetValue<int>();

        switch (type)
        {
            case "default":
                return (baseFreq, 1.0);
            case "linear":
                return (baseFreq.Select(f => f / Get("factor", 1)).ToArray(), 1.0);
            case "llama3":
            {
                double factor = Get("factor", 8), low = Get("low_freq_factor", 1), high = Get("high_freq_factor", 4);
                var old = Get("original_max_position_embeddings", maxPos);
                return (baseFreq.Select(f =>
                {
                    var wavelen = 2 * Math.PI / f;
                    if (wavelen < old / high) return f;
                    if (wavelen > old / low) return f / factor;
                    var smooth = (old / wavelen - low) / (high - low);
                    return (1 - smooth) * f / factor + smooth * f;
                }).ToArray(), 1.0);
            }
            case "yarn":
            {
                var factor = Get("factor", 1);
                double original = maxPos;
                if (rope!["original_max_position_embeddings"] is { } o)
                {
                    original = o.GetValue<double>();
                    factor = maxPos / original;
                }
                double CorrectionDim(double rotations) => dim * Math.Log(original / (rotations * 2 * Math.PI)) / (2 * Math.Log(theta));
                var lowDim = Math.Max(Math.Floor(CorrectionDim(Get("beta_fast", 32))), 0);
                var highDim = Math.Min(Math.Ceiling(CorrectionDim(Get("beta_slow", 1))), dim - 1);
                if (lowDim == highDim) highDim += 0.001;
                var freqs = baseFreq.Select((f, i) =>
                {
                    var ramp = Math.Clamp((i - lowDim) / (highDim - lowDim), 0, 1);
                    var extrapolationFactor = 1 - ramp;
                    return f / factor * (1 - extrapolationFactor) + f * extrapolationFactor;
                }).ToArray();
                var scale = factor <= 1 ? 1.0 : 0.1 * Math.Log(factor) + 1.0;
                return (freqs, rope["attention_factor"]?.GetValue<double>() ?? scale);
            }
            case "longrope" or "su":
            {
                // _compute_longrope_parameters; Phi-3 keeps original_max_position_embeddings outside rope_scaling.
                var original = (rope!["original_max_position_embeddings"] ?? config["original_max_position_embeddings"])!.GetValue<double>();
                var factor = rope["factor"]?.GetValue<double>() ?? maxPos / original;
                var attention = rope["attention_factor"]?.GetValue<double>()
                    ?? (factor <= 1 ? 1.0 : Math.Sqrt(1 + Math.Log(factor) / Math.Log(original)));
                var ext = rope[sequenceLength > original ? "long_factor" : "short_factor"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
                return (baseFreq.Select((f, i) => f / ext[i]).ToArray(), attention);
            }
            default:
                throw new NotSupportedException(type);
        }
    }
}

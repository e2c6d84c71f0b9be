using Granary.Engine.Configuration;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>
/// Inverse frequencies and attention scaling for each rope type, computed in float32 the way
/// transformers' ROPE_INIT_FUNCTIONS compute them so cos/sin match bit for bit on the CPU.
/// </summary>
internal static class RopeFrequencies
{
    /// <param name="maxModelLength">The longest sequence the engine serves, when known (LongRoPE's factor choice).</param>
    public static (Tensor InvFreq, double AttentionScaling) Compute(RopeScaling rope, int rotaryDim, int maxPositionEmbeddings, int? maxModelLength = null) =>
        rope.Type switch
        {
            "longrope" => LongRope(rope, rotaryDim, maxModelLength),
            "default" => (Default(rope.Theta, rotaryDim), 1.0),
            "linear" => (Default(rope.Theta, rotaryDim) / rope.Factor, 1.0),
            "llama3" => (Llama3(rope, rotaryDim, maxPositionEmbeddings), 1.0),
            "yarn" => Yarn(rope, rotaryDim, maxPositionEmbeddings),
            _ => throw new ModelLoadException($"rope type '{rope.Type}' is not supported"),
        };

    private static Tensor Exponents(int dim) => arange(0, dim, 2, dtype: ScalarType.Int64).to(ScalarType.Float32) / dim;

    private static Tensor Default(double theta, int dim)
    {
        using var exponents = Exponents(dim);
        using var powers = pow(theta, exponents);
        return 1.0 / powers;
    }

    private static Tensor Llama3(RopeScaling rope, int dim, int maxPositionEmbeddings)
    {
        using var scope = NewDisposeScope();
        var invFreq = Default(rope.Theta, dim);
        var oldContext = (double)(rope.OriginalMaxPositionEmbeddings ?? maxPositionEmbeddings);
        var lowFreqWavelen = oldContext / rope.LowFreqFactor;
        var highFreqWavelen = oldContext / rope.HighFreqFactor;
        var wavelen = 2 * Math.PI / invFreq;

        var scaled = where(wavelen > lowFreqWavelen, invFreq / rope.Factor, invFreq);
        var smooth = (oldContext / wavelen - rope.LowFreqFactor) / (rope.HighFreqFactor - rope.LowFreqFactor);
        var smoothed = (1 - smooth) * scaled / rope.Factor + smooth * scaled;
        var isMedium = (wavelen >= highFreqWavelen).logical_and(wavelen <= lowFreqWavelen);
        return where(isMedium, smoothed, scaled).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// transformers divides the frequencies by long_factor when the forward's sequence is longer than
    /// original_max_position_embeddings and by short_factor otherwise, switching per call. Keys already
    /// in a KV cache keep the rotation they were written with, so switching mid-sequence would leave
    /// them inconsistent; like vLLM we choose once, from the longest sequence served: long factors
    /// when that exceeds original_max_position_embeddings, short ones otherwise (or when it is not
    /// known, which is what transformers computes for every sequence within the original length).
    /// </summary>
    private static (Tensor, double) LongRope(RopeScaling rope, int dim, int? maxModelLength)
    {
        var original = rope.OriginalMaxPositionEmbeddings
            ?? throw new ModelLoadException("longrope needs original_max_position_embeddings");
        var factors = maxModelLength > original ? rope.LongFactor : rope.ShortFactor;
        if (rope.ShortFactor.Count != dim / 2 || rope.LongFactor.Count != dim / 2)
            throw new ModelLoadException(
                $"longrope short_factor and long_factor need {dim / 2} entries each (rotary dim {dim}); they have {rope.ShortFactor.Count} and {rope.LongFactor.Count}");
        var attentionFactor = rope.AttentionFactor
            ?? (rope.Factor <= 1.0 ? 1.0 : Math.Sqrt(1 + Math.Log(rope.Factor) / Math.Log(original)));

        using var scope = NewDisposeScope();
        var ext = tensor(factors.Select(f => (float)f).ToArray(), ScalarType.Float32);
        var invFreq = 1.0 / (ext * pow(rope.Theta, Exponents(dim)));
        return (invFreq.MoveToOuterDisposeScope(), attentionFactor);
    }

    private static (Tensor, double) Yarn(RopeScaling rope, int dim, int maxPositionEmbeddings)
    {
        using var scope = NewDisposeScope();
        var factor = rope.Factor;
        var originalMax = maxPositionEmbeddings;
        if (rope.OriginalMaxPositionEmbeddings is { } original)
        {
            // transformers derives the factor from the two lengths when both are given (DeepSeek-V3 style configs).
            originalMax = original;
            factor = (double)maxPositionEmbeddings / original;
        }

        static double MscaleOf(double scale, double mscale = 1) => scale <= 1 ? 1.0 : 0.1 * mscale * Math.Log(scale) + 1.0;
        var attentionFactor = rope.AttentionFactor
            ?? (rope.Mscale is { } m && rope.MscaleAllDim is { } mAll && m != 0 && mAll != 0
                ? MscaleOf(factor, m) / MscaleOf(factor, mAll)
                : MscaleOf(factor));

        double CorrectionDim(double rotations) =>
            dim * Math.Log(originalMax / (rotations * 2 * Math.PI)) / (2 * Math.Log(rope.Theta));
        var low = CorrectionDim(rope.BetaFast);
        var high = CorrectionDim(rope.BetaSlow);
        if (rope.Truncate)
        {
            low = Math.Floor(low);
            high = Math.Ceiling(high);
        }
        low = Math.Max(low, 0);
        high = Math.Min(high, dim - 1);
        if (low == high) high += 0.001;

        var posFreqs = pow(rope.Theta, Exponents(dim));
        var extrapolation = 1.0 / posFreqs;
        var interpolation = 1.0 / (factor * posFreqs);
        var ramp = ((arange(dim / 2, dtype: ScalarType.Float32) - low) / (high - low)).clamp(0, 1);
        var extrapolationFactor = 1 - ramp;
        var invFreq = interpolation * (1 - extrapolationFactor) + extrapolation * extrapolationFactor;
        return (invFreq.MoveToOuterDisposeScope(), attentionFactor);
    }
}

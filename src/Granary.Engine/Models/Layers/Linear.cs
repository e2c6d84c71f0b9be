using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>
/// y = x·Wᵀ + b. A fused linear concatenates several checkpoint projections (e.g. q/k/v) along the
/// output dimension so one matmul replaces several, as vLLM's merged layers do.
/// </summary>
internal sealed class Linear : IDisposable
{
    private Linear(Tensor weight, Tensor? bias, long[] outputSizes)
    {
        Weight = weight;
        Bias = bias;
        OutputSizes = outputSizes;
    }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    /// <summary>The output width of each fused part, in checkpoint order.</summary>
    public long[] OutputSizes { get; }

    public static Linear Load(WeightLoader weights, string prefix, long inFeatures, long outFeatures, bool bias) =>
        LoadFused(weights, [prefix], inFeatures, [outFeatures], bias);

    public static Linear LoadFused(WeightLoader weights, IReadOnlyList<string> prefixes, long inFeatures, long[] outFeatures, bool bias)
    {
        var weight = weights.LoadConcatenated(
            prefixes.Select(p => $"{p}.weight").ToArray(),
            outFeatures.Select(o => new[] { o, inFeatures }).ToArray());
        var biasTensor = bias
            ? weights.LoadConcatenated(prefixes.Select(p => $"{p}.bias").ToArray(), outFeatures.Select(o => new[] { o }).ToArray())
            : null;
        return new Linear(weight, biasTensor, outFeatures);
    }

    public static Linear FromTensor(Tensor weight) => new(weight, null, [weight.shape[0]]);

    public Tensor Forward(Tensor input) => nn.functional.linear(input, Weight, Bias);

    /// <summary>Runs the fused projection and splits its output back into the parts.</summary>
    public Tensor[] ForwardSplit(Tensor input) => Forward(input).split(OutputSizes, dim: -1);

    public void Dispose()
    {
        Weight.Dispose();
        Bias?.Dispose();
    }
}

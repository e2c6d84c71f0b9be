using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>
/// y = x·Wᵀ + b. A fused linear concatenates several checkpoint projections (e.g. q/k/v) along the
/// output dimension so one matmul replaces several, as vLLM's merged layers do; a checkpoint that
/// already stores them packed (Phi-3's qkv_proj, gate_up_proj) is loaded as one tensor.
/// </summary>
internal sealed class Linear : IDisposable
{
    private readonly RowParallelLinear? _rowParallel;
    private readonly bool _ownsWeight;

    private Linear(Tensor weight, Tensor? bias, long[] outputSizes, CpuWorkers? workers, bool ownsWeight = true)
    {
        Weight = weight;
        Bias = bias;
        OutputSizes = outputSizes;
        _ownsWeight = ownsWeight;
        _rowParallel = RowParallelLinear.TryCreate(weight, bias, workers);
    }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    /// <summary>The output width of each fused part, in checkpoint order.</summary>
    public long[] OutputSizes { get; }

    public static Linear Load(WeightLoader weights, string prefix, long inFeatures, long outFeatures, bool bias) =>
        LoadFused(weights, [prefix], inFeatures, [outFeatures], bias);

    /// <param name="prefixes">One checkpoint name per part, or a single name for a tensor holding every part.</param>
    public static Linear LoadFused(WeightLoader weights, IReadOnlyList<string> prefixes, long inFeatures, long[] outFeatures, bool bias)
    {
        if (prefixes.Count == 1 && outFeatures.Length > 1)
        {
            var total = outFeatures.Sum();
            var packed = weights.Load($"{prefixes[0]}.weight", total, inFeatures);
            var packedBias = bias ? weights.Load($"{prefixes[0]}.bias", total) : null;
            return new Linear(packed, packedBias, outFeatures, weights.Workers);
        }
        if (prefixes.Count != outFeatures.Length)
            throw new ArgumentException($"{prefixes.Count} checkpoint names for {outFeatures.Length} fused parts", nameof(prefixes));
        var weight = weights.LoadConcatenated(
            prefixes.Select(p => $"{p}.weight").ToArray(),
            outFeatures.Select(o => new[] { o, inFeatures }).ToArray());
        var biasTensor = bias
            ? weights.LoadConcatenated(prefixes.Select(p => $"{p}.bias").ToArray(), outFeatures.Select(o => new[] { o }).ToArray())
            : null;
        return new Linear(weight, biasTensor, outFeatures, weights.Workers);
    }

    /// <summary>A projection through another module's weight (tied embeddings), which stays that module's to dispose.</summary>
    public static Linear Shared(Tensor weight, CpuWorkers? workers) => new(weight, null, [weight.shape[0]], workers, ownsWeight: false);

    public Tensor Forward(Tensor input) => _rowParallel is not null && RowParallelLinear.Suits(input)
        ? _rowParallel.Forward(input)
        : nn.functional.linear(input, Weight, Bias);

    /// <summary>
    /// silu(gate) · up straight from a fused [gate, up] projection where one CPU worker pass can do
    /// both (see <see cref="RowParallelLinear.SiluAndMul"/>); null where it cannot, and the caller
    /// projects and activates separately.
    /// </summary>
    public Tensor? TryForwardSiluAndMul(Tensor input) =>
        _rowParallel is not null && OutputSizes is [var gate, var up] && gate == up
        && RowParallelLinear.Suits(input) && _rowParallel.GatesSilu(input)
            ? _rowParallel.SiluAndMul(input)
            : null;

    public void Dispose()
    {
        _rowParallel?.Dispose();
        if (_ownsWeight) Weight.Dispose();
        Bias?.Dispose();
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>
/// LlamaRMSNorm (normalise in float32, scale by w in the input's dtype) or, with
/// <c>unitOffset</c>, GemmaRMSNorm (scale by 1 + w in float32, then cast), exactly as HF does each.
/// </summary>
internal sealed class RmsNorm : IDisposable
{
    private readonly double _eps;
    private readonly Scalar _epsScalar; // held by the layer: a temporary Scalar can be finalized mid-call
    private readonly bool _unitOffset;

    public RmsNorm(WeightLoader weights, string prefix, long size, double eps, bool unitOffset = false)
    {
        var weight = weights.Load($"{prefix}.weight", size);
        if (unitOffset)
        {
            // Gemma stores w around 0 and scales by (1 + w.float()): computed once, kept in float32.
            using var stored = weight;
            using var single = stored.to(ScalarType.Float32);
            weight = single + 1.0;
        }
        Weight = weight;
        _unitOffset = unitOffset;
        _eps = eps;
        _epsScalar = eps.ToScalar();
    }

    /// <summary>The scale applied: w, or 1 + w in float32 for a unit-offset norm.</summary>
    public Tensor Weight { get; }

    public Tensor Forward(Tensor input) => Ops.RmsNorm(input, Weight, _eps, _epsScalar, scaleInFloat32: _unitOffset);

    public void Dispose()
    {
        Weight.Dispose();
        _epsScalar.Dispose();
    }
}

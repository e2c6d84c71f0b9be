using Granary.Engine.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>LlamaRMSNorm: normalise in float32, scale in the input's dtype, exactly as HF does.</summary>
internal sealed class RmsNorm : IDisposable
{
    private readonly double _eps;
    private readonly Scalar _epsScalar; // held by the layer: a temporary Scalar can be finalized mid-call

    public RmsNorm(WeightLoader weights, string prefix, long size, double eps)
    {
        Weight = weights.Load($"{prefix}.weight", size);
        _eps = eps;
        _epsScalar = eps.ToScalar();
    }

    public Tensor Weight { get; }

    public Tensor Forward(Tensor input)
    {
        if (CpuKernels.Applies(input) && CpuKernels.Applies(Weight)) return CpuKernels.RmsNorm(input, Weight, _eps);
        using var scope = NewDisposeScope();
        var x = input.to(ScalarType.Float32);
        var variance = (x * x).mean([-1], keepdim: true); // no Scalar exponent (see Scalars)
        x = x * rsqrt(variance.add(_epsScalar));
        return (Weight * x.to(input.dtype)).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        Weight.Dispose();
        _epsScalar.Dispose();
    }
}

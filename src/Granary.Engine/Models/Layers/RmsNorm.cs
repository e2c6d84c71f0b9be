using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>LlamaRMSNorm: normalise in float32, scale in the input's dtype, exactly as HF does.</summary>
internal sealed class RmsNorm : IDisposable
{
    private readonly double _eps;

    public RmsNorm(WeightLoader weights, string prefix, long size, double eps)
    {
        Weight = weights.Load($"{prefix}.weight", size);
        _eps = eps;
    }

    public Tensor Weight { get; }

    public Tensor Forward(Tensor input)
    {
        if (CpuKernels.Applies(input) && CpuKernels.Applies(Weight)) return CpuKernels.RmsNorm(input, Weight, _eps);
        using var scope = NewDisposeScope();
        var x = input.to(ScalarType.Float32);
        var variance = x.pow(2).mean([-1], keepdim: true);
        x = x * rsqrt(variance + _eps);
        return (Weight * x.to(input.dtype)).MoveToOuterDisposeScope();
    }

    public void Dispose() => Weight.Dispose();
}

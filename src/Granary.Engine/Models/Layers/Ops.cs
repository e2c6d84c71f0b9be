using Granary.Engine.Configuration;
using Granary.Engine.Torch;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Granary.Engine.Models.Layers;

/// <summary>
/// The element-wise ops of a layer, each choosing its implementation here: the float32 CPU kernels
/// where they apply, libtorch otherwise (and, later, a CUDA kernel). Model code calls these and never
/// asks which device or dtype it runs on.
/// </summary>
internal static class Ops
{
    /// <summary>
    /// HF's RMSNorm. <paramref name="scaleInFloat32"/>: Gemma multiplies by its (1 + w) scale before
    /// casting back to the input dtype, Llama casts first and multiplies in the input dtype.
    /// </summary>
    public static Tensor RmsNorm(Tensor input, Tensor weight, double eps, Scalar epsScalar, bool scaleInFloat32)
    {
        if (CpuKernels.Applies(input) && CpuKernels.Applies(weight)) return CpuKernels.RmsNorm(input, weight, eps);
        using var scope = NewDisposeScope();
        var x = input.to(ScalarType.Float32);
        var variance = (x * x).mean([-1], keepdim: true); // no Scalar exponent (see Scalars)
        x = x * rsqrt(variance.add(epsScalar));
        var output = scaleInFloat32 ? (x * weight.to(ScalarType.Float32)).to(input.dtype) : weight * x.to(input.dtype);
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>act(gate) · up for rows laid out as [gate | up], as a fused gate/up projection returns them.</summary>
    public static Tensor ActivationAndMul(Tensor gateUp, string activation)
    {
        if (activation == Activations.Silu && CpuKernels.Applies(gateUp)) return CpuKernels.SiluAndMul(gateUp);
        using var scope = NewDisposeScope();
        var width = gateUp.shape[^1] / 2;
        var parts = gateUp.split([width, width], dim: -1);
        var gate = activation switch
        {
            Activations.Silu => silu(parts[0]),
            Activations.GeluTanh => gelu(parts[0], TorchSharp.Modules.GELU.Approximate.tanh),
            _ => throw new ArgumentException($"activation '{activation}' is not implemented", nameof(activation)),
        };
        return gate.mul_(parts[1]).MoveToOuterDisposeScope();
    }

    /// <summary>act(gate) · up through a fused [gate, up] projection: on the CPU one worker pass does both where it can.</summary>
    public static Tensor ActivationAndMul(Linear gateUp, Tensor input, string activation)
    {
        if (activation == Activations.Silu && gateUp.TryForwardSiluAndMul(input) is { } fused) return fused;
        using var projected = gateUp.Forward(input);
        return ActivationAndMul(projected, activation);
    }

    /// <summary>Rotate-half rotary positions over the first <paramref name="rotaryDim"/> features of each head.</summary>
    public static Tensor Rotary(Tensor x, Tensor cos, Tensor sin, int rotaryDim)
    {
        if (x.device_type == DeviceType.CPU && x.dtype == ScalarType.Float32 && CpuKernels.Applies(cos) && CpuKernels.Applies(sin))
            return CpuKernels.Rotary(x, cos, sin, rotaryDim);
        using var scope = NewDisposeScope();
        var headDim = x.shape[^1];
        var rotated = headDim == rotaryDim ? x : x[.., .., ..rotaryDim];
        var half = rotaryDim / 2;
        var x1 = rotated[.., .., ..half];
        var x2 = rotated[.., .., half..];
        var result = rotated * cos + cat([-x2, x1], -1) * sin;
        if (headDim != rotaryDim) result = cat([result, x[.., .., rotaryDim..]], -1);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>cap · tanh(x / cap), as Gemma 2 bounds attention scores and final logits.</summary>
    public static Tensor SoftCap(Tensor x, double cap)
    {
        using var scope = NewDisposeScope();
        return ((x / cap).tanh() * cap).MoveToOuterDisposeScope();
    }
}

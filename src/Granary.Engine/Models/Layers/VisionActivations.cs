using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>transformers' ACT2FN entries the vision tower and projector use, by config name, as plain functions.</summary>
internal static class VisionActivations
{
    public static readonly string[] Supported = ["quick_gelu", "gelu", "gelu_new", "gelu_pytorch_tanh"];

    // Rooted, not implicit temporaries: see Torch.Scalars.
    private static readonly Scalar QuickGeluScale = 1.702.ToScalar();
    private static readonly Scalar Half = 0.5.ToScalar();
    private static readonly Scalar CubicCoefficient = 0.044715.ToScalar();
    private static readonly Scalar SqrtTwoOverPi = Math.Sqrt(2.0 / Math.PI).ToScalar();

    public static Func<Tensor, Tensor> Get(string name) => name switch
    {
        // QuickGELUActivation: x·σ(1.702x)
        "quick_gelu" => QuickGelu,
        "gelu" => x => nn.functional.gelu(x),
        "gelu_new" or "gelu_pytorch_tanh" => GeluTanh,
        _ => throw new ModelLoadException($"activation '{name}' is not supported (supported: {string.Join(", ", Supported)})"),
    };

    private static Tensor QuickGelu(Tensor x)
    {
        using var scope = NewDisposeScope();
        return (x * sigmoid(x.mul(QuickGeluScale))).MoveToOuterDisposeScope();
    }

    private static Tensor GeluTanh(Tensor x)
    {
        using var scope = NewDisposeScope();
        var inner = (x + (x * x * x).mul(CubicCoefficient)).mul(SqrtTwoOverPi);
        return (x.mul(Half) * tanh(inner).add(Torch.Scalars.One)).MoveToOuterDisposeScope();
    }
}

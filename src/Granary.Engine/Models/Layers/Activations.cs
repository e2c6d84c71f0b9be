using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>transformers' ACT2FN entries the vision models use, by config name.</summary>
internal static class Activations
{
    public static readonly string[] Supported = ["quick_gelu", "gelu", "gelu_new", "gelu_pytorch_tanh"];

    public static Func<Tensor, Tensor> Get(string name) => name switch
    {
        // QuickGELUActivation: x·σ(1.702x)
        "quick_gelu" => x => x * sigmoid(x * 1.702),
        "gelu" => x => nn.functional.gelu(x),
        "gelu_new" or "gelu_pytorch_tanh" => GeluTanh,
        _ => throw new ModelLoadException($"activation '{name}' is not supported (supported: {string.Join(", ", Supported)})"),
    };

    private static Tensor GeluTanh(Tensor x)
    {
        using var scope = NewDisposeScope();
        var inner = (x + x * x * x * 0.044715) * Math.Sqrt(2.0 / Math.PI);
        return (x * 0.5 * (tanh(inner) + 1.0)).MoveToOuterDisposeScope();
    }
}

using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>nn.LayerNorm with weight and bias over the last dimension.</summary>
internal sealed class LayerNorm(WeightLoader weights, string prefix, long size, double eps) : IDisposable
{
    private readonly Tensor _weight = weights.Load($"{prefix}.weight", size);
    private readonly Tensor _bias = weights.Load($"{prefix}.bias", size);

    public Tensor Forward(Tensor input) => nn.functional.layer_norm(input, [_weight.shape[0]], _weight, _bias, eps);

    public void Dispose()
    {
        _weight.Dispose();
        _bias.Dispose();
    }
}

using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using Granary.Engine.Torch;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Granary.Engine.Models.Llama;

/// <summary>down_proj(silu(gate_proj(x)) · up_proj(x)), with gate and up fused into one matmul.</summary>
internal sealed class LlamaMLP : IDisposable
{
    private readonly Linear _gateUpProj;
    private readonly Linear _downProj;

    public LlamaMLP(WeightLoader weights, string prefix, ModelConfig config)
    {
        var (hidden, intermediate) = (config.HiddenSize, config.IntermediateSize);
        _gateUpProj = Linear.LoadFused(weights, [$"{prefix}.gate_proj", $"{prefix}.up_proj"], hidden, [intermediate, intermediate], config.MlpBias);
        _downProj = Linear.Load(weights, $"{prefix}.down_proj", intermediate, hidden, config.MlpBias);
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var gateUp = _gateUpProj.Forward(x);
        var hidden = CpuKernels.Applies(gateUp) ? CpuKernels.SiluAndMul(gateUp) : SiluAndMul(gateUp);
        return _downProj.Forward(hidden).MoveToOuterDisposeScope();
    }

    private Tensor SiluAndMul(Tensor gateUp)
    {
        var parts = gateUp.split(_gateUpProj.OutputSizes, dim: -1);
        return silu(parts[0]).mul_(parts[1]);
    }

    public void Dispose()
    {
        _gateUpProj.Dispose();
        _downProj.Dispose();
    }
}

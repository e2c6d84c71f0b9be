using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Llama;

/// <summary>
/// down_proj(act(gate_proj(x)) · up_proj(x)), gate and up fused into one matmul: SwiGLU with SiLU,
/// GeGLU with Gemma's gelu_pytorch_tanh (Gemma2MLP is this module with that activation).
/// </summary>
internal sealed class LlamaMLP : IDisposable
{
    private readonly Linear _gateUpProj;
    private readonly Linear _downProj;
    private readonly string _activation;

    public LlamaMLP(WeightLoader weights, string prefix, ModelConfig config, WeightNames names)
    {
        var (hidden, intermediate) = (config.HiddenSize, config.IntermediateSize);
        _activation = config.HiddenAct;
        _gateUpProj = Linear.LoadFused(weights, names.GateUpProj.Select(n => $"{prefix}.{n}").ToArray(), hidden,
            [intermediate, intermediate], config.MlpBias);
        _downProj = Linear.Load(weights, $"{prefix}.down_proj", intermediate, hidden, config.MlpBias);
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var hidden = Ops.ActivationAndMul(_gateUpProj, x, _activation);
        return _downProj.Forward(hidden).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _gateUpProj.Dispose();
        _downProj.Dispose();
    }
}

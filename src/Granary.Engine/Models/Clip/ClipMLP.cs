using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Clip;

/// <summary>CLIPMLP: fc1 → activation (quick_gelu for OpenAI's CLIP) → fc2.</summary>
internal sealed class ClipMLP(WeightLoader weights, string prefix, ClipVisionConfig config) : IDisposable
{
    private readonly Linear _fc1 = Linear.Load(weights, $"{prefix}.fc1", config.HiddenSize, config.IntermediateSize, bias: true);
    private readonly Linear _fc2 = Linear.Load(weights, $"{prefix}.fc2", config.IntermediateSize, config.HiddenSize, bias: true);
    private readonly Func<Tensor, Tensor> _act = VisionActivations.Get(config.HiddenAct);

    public Tensor Forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return _fc2.Forward(_act(_fc1.Forward(hidden))).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _fc1.Dispose();
        _fc2.Dispose();
    }
}

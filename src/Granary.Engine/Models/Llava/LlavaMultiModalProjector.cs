using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Llava;

/// <summary>LlavaMultiModalProjector: linear_1 → projector_hidden_act → linear_2, vision width to text width.</summary>
internal sealed class LlavaMultiModalProjector(WeightLoader weights, string prefix, LlavaConfig config, int textHiddenSize) : IDisposable
{
    private readonly Linear _linear1 = Linear.Load(weights, $"{prefix}.linear_1", config.Vision.HiddenSize, textHiddenSize, config.MultimodalProjectorBias);
    private readonly Linear _linear2 = Linear.Load(weights, $"{prefix}.linear_2", textHiddenSize, textHiddenSize, config.MultimodalProjectorBias);
    private readonly Func<Tensor, Tensor> _act = VisionActivations.Get(config.ProjectorHiddenAct);

    public Tensor Forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        return _linear2.Forward(_act(_linear1.Forward(features))).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _linear1.Dispose();
        _linear2.Dispose();
    }
}

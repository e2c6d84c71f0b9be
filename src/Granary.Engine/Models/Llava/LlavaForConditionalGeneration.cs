using Granary.Engine.Models.Clip;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Llava;

/// <summary>
/// LlavaForConditionalGeneration: a CLIP vision tower whose selected hidden state (CLS dropped by the
/// default strategy) is projected to the text width; the runner splices those features into the input
/// embeddings at the image-token positions, and the Llama-shaped text model runs on them.
/// </summary>
internal sealed class LlavaForConditionalGeneration : CausalLM
{
    private readonly ClipVisionModel _visionTower;
    private readonly LlavaMultiModalProjector _projector;
    private readonly LlamaForCausalLM _languageModel;
    private readonly bool _dropClassToken;

    public LlavaForConditionalGeneration(LlavaConfig config, WeightLoader weights) : base(config)
    {
        var names = LlavaWeightNames.Resolve(weights);
        _visionTower = new ClipVisionModel(weights, names.VisionTower, config.Vision, config.VisionFeatureLayer);
        _projector = new LlavaMultiModalProjector(weights, names.Projector, config, config.HiddenSize);
        // Mistral's windows are in its config; its modules are Llama's.
        _languageModel = new LlamaForCausalLM(config.Text, weights, names.LanguageModel);
        _dropClassToken = config.VisionFeatureSelectStrategy == "default";
    }

    public override Tensor EncodeImages(Tensor pixelValues)
    {
        using var scope = NewDisposeScope();
        var features = _visionTower.Forward(pixelValues);
        if (_dropClassToken) features = features[.., 1..];
        return _projector.Forward(features).MoveToOuterDisposeScope();
    }

    public override Tensor EmbedInputIds(Tensor inputIds) => _languageModel.EmbedInputIds(inputIds);

    public override Tensor Forward(ForwardBatch batch) => _languageModel.Forward(batch);

    public override Tensor ComputeLogits(Tensor hidden) => _languageModel.ComputeLogits(hidden);

    public override void Dispose()
    {
        _visionTower.Dispose();
        _projector.Dispose();
        _languageModel.Dispose();
    }
}

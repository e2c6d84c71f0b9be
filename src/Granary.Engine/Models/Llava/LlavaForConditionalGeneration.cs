using Granary.Engine.Configuration;
using Granary.Engine.Models.Clip;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Llava;

/// <summary>
/// LlavaForConditionalGeneration: a CLIP vision tower whose selected hidden state (CLS dropped by the
/// default strategy) is projected to the text width and spliced into the Llama text model's input
/// embeddings at the image-token positions.
/// </summary>
internal sealed class LlavaForConditionalGeneration : CausalLM
{
    public static readonly ArchitectureDefaults Defaults = new() { RopeTheta = 10000.0 };

    private readonly ClipVisionModel _visionTower;
    private readonly LlavaMultiModalProjector _projector;
    private readonly LlamaModel _languageModel;
    private readonly Linear _lmHead;
    private readonly bool _dropClassToken;

    public LlavaForConditionalGeneration(ModelConfig config, WeightLoader weights) : base(config)
    {
        var llava = config.Llava ?? throw new ModelLoadException("LLaVA needs a vision_config");
        var names = LlavaWeightNames.Resolve(weights);
        _visionTower = new ClipVisionModel(weights, names.VisionTower, llava.Vision, llava.VisionFeatureLayer);
        _projector = new LlavaMultiModalProjector(weights, names.Projector, llava, config.HiddenSize);
        _languageModel = new LlamaModel(weights, names.LanguageModel, config,
            (w, prefix, c, layer) => new LlamaAttention(w, prefix, c, layer, c.AttentionBias, c.AttentionBias));
        _lmHead = config.TieWordEmbeddings
            ? Linear.Shared(_languageModel.EmbedTokens, weights.Workers)
            : Linear.Load(weights, names.LmHead, config.HiddenSize, config.VocabSize, bias: false);
        _dropClassToken = llava.VisionFeatureSelectStrategy == "default";
    }

    public override int? ImageTokenId => Config.Llava!.ImageTokenIndex;

    public override Tensor EncodeImages(Tensor pixelValues)
    {
        using var scope = NewDisposeScope();
        var features = _visionTower.Forward(pixelValues.to(_languageModel.EmbedTokens.dtype));
        if (_dropClassToken) features = features[.., 1..];
        return _projector.Forward(features).MoveToOuterDisposeScope();
    }

    public override Tensor Forward(ForwardBatch batch)
    {
        if (batch.Images.Count == 0) return _languageModel.Forward(batch);
        using var scope = NewDisposeScope();
        var embeds = _languageModel.EmbedTokens.index_select(0, batch.InputIds);
        foreach (var slice in batch.Images)
            embeds[slice.Row..(slice.Row + slice.Count)] = slice.Features[slice.From..(slice.From + slice.Count)];
        return _languageModel.Forward(batch, embeds).MoveToOuterDisposeScope();
    }

    public override Tensor ComputeLogits(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return _lmHead.Forward(hidden).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    public override void Dispose()
    {
        _visionTower.Dispose();
        _projector.Dispose();
        _lmHead.Dispose();
        _languageModel.Dispose();
    }
}

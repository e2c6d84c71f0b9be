using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Gemma2;

/// <summary>Gemma2ForCausalLM: <see cref="Gemma2Model"/>, the (usually tied) head, and final logit soft-capping.</summary>
internal sealed class Gemma2ForCausalLM : CausalLM
{
    private readonly Gemma2Model _model;
    private readonly Linear _lmHead;
    private readonly double? _finalSoftCap;

    public Gemma2ForCausalLM(Gemma2Config config, WeightLoader weights) : base(config)
    {
        _model = new Gemma2Model(weights, config, WeightNames.Llama.Model);
        _lmHead = LoadLmHead(weights, WeightNames.Llama, config, _model.EmbedTokens);
        _finalSoftCap = config.FinalLogitSoftcapping;
    }

    public override Tensor EmbedInputIds(Tensor inputIds) => _model.EmbedTokens.index_select(0, inputIds);

    public override Tensor Forward(ForwardBatch batch) => _model.Forward(batch);

    /// <summary>HF caps the logits in the model's dtype, before any float32 upcast.</summary>
    public override Tensor ComputeLogits(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var logits = _lmHead.Forward(hidden);
        if (_finalSoftCap is { } cap) logits = Ops.SoftCap(logits, cap);
        return logits.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    public override void Dispose()
    {
        _lmHead.Dispose();
        _model.Dispose();
    }
}

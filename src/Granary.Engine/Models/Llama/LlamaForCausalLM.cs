using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Llama;

/// <summary>LlamaForCausalLM: the decoder under <see cref="WeightNames.Model"/> and its head, or the embeddings when tied.</summary>
internal class LlamaForCausalLM : CausalLM
{
    public static readonly ArchitectureDefaults Defaults = new();

    private readonly LlamaModel _model;
    private readonly Linear _lmHead;

    public LlamaForCausalLM(ModelConfig config, WeightLoader weights) : this(config, weights, WeightNames.Llama)
    {
    }

    /// <summary>A Llama decoder whose tensors sit under other names (e.g. a LLaVA checkpoint's language_model).</summary>
    public LlamaForCausalLM(ModelConfig config, WeightLoader weights, WeightNames names)
        : this(config, weights, names, (w, prefix, c, layer, n) => new LlamaAttention(w, prefix, c, layer, n, c.AttentionBias, c.AttentionBias))
    {
    }

    protected LlamaForCausalLM(ModelConfig config, WeightLoader weights, WeightNames names, LlamaAttentionFactory attention) : base(config)
    {
        _model = new LlamaModel(weights, config, names, attention);
        _lmHead = LoadLmHead(weights, names, config, _model.EmbedTokens);
    }

    public override Tensor EmbedInputIds(Tensor inputIds) => _model.EmbedTokens.index_select(0, inputIds);

    public override Tensor Forward(ForwardBatch batch) => _model.Forward(batch);

    public override Tensor ComputeLogits(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var logits = _lmHead.Forward(hidden);
        return logits.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    public override void Dispose()
    {
        _lmHead.Dispose();
        _model.Dispose();
    }
}

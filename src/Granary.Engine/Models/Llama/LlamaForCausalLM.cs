using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Llama;

/// <summary>LlamaForCausalLM: <c>model.*</c> and <c>lm_head</c>, or the embeddings when tied.</summary>
internal class LlamaForCausalLM : CausalLM
{
    public static readonly ArchitectureDefaults Defaults = new();

    private readonly LlamaModel _model;
    private readonly Linear _lmHead;

    public LlamaForCausalLM(ModelConfig config, WeightLoader weights)
        : this(config, weights, (w, prefix, c, layer) => new LlamaAttention(w, prefix, c, layer, c.AttentionBias, c.AttentionBias))
    {
    }

    protected LlamaForCausalLM(ModelConfig config, WeightLoader weights, LlamaAttentionFactory attention) : base(config)
    {
        _model = new LlamaModel(weights, "model", config, attention);
        if (config.TieWordEmbeddings)
        {
            _lmHead = Linear.Shared(_model.EmbedTokens, weights.Workers);
        }
        else
        {
            if (!weights.Contains("lm_head.weight"))
                throw new ModelLoadException("tensor 'lm_head.weight' is missing from the checkpoint and config.json does not set tie_word_embeddings");
            _lmHead = Linear.Load(weights, "lm_head", config.HiddenSize, config.VocabSize, bias: false);
        }
    }

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

using Granary.Engine.Attention;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;
using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Gemma2;

/// <summary>
/// Sandwich-norm residual block: x + post_attention_layernorm(attn(input_layernorm(x))), then
/// x + post_feedforward_layernorm(mlp(pre_feedforward_layernorm(x))); every norm scales by 1 + w.
/// Gemma2Attention is Llama's with query_pre_attn_scalar scaling and soft-capped scores.
/// </summary>
internal sealed class Gemma2DecoderLayer : IDisposable
{
    private readonly LlamaAttention _selfAttn;
    private readonly LlamaMLP _mlp;
    private readonly RmsNorm _inputLayernorm;
    private readonly RmsNorm _postAttentionLayernorm;
    private readonly RmsNorm _preFeedforwardLayernorm;
    private readonly RmsNorm _postFeedforwardLayernorm;

    public Gemma2DecoderLayer(WeightLoader weights, string prefix, Gemma2Config config, int layerIndex)
    {
        var names = WeightNames.Llama;
        var parameters = new AttentionParameters(
            Math.Pow(config.QueryPreAttnScalar, -0.5), config.AttnLogitSoftcapping, config.LayerSlidingWindows[layerIndex]);
        _selfAttn = new LlamaAttention(weights, $"{prefix}.self_attn", config, layerIndex, names, config.AttentionBias, config.AttentionBias, parameters);
        _mlp = new LlamaMLP(weights, $"{prefix}.mlp", config, names);
        _inputLayernorm = Norm(weights, $"{prefix}.input_layernorm", config);
        _postAttentionLayernorm = Norm(weights, $"{prefix}.post_attention_layernorm", config);
        _preFeedforwardLayernorm = Norm(weights, $"{prefix}.pre_feedforward_layernorm", config);
        _postFeedforwardLayernorm = Norm(weights, $"{prefix}.post_feedforward_layernorm", config);
    }

    public static RmsNorm Norm(WeightLoader weights, string prefix, Gemma2Config config) =>
        new(weights, prefix, config.HiddenSize, config.RmsNormEps, unitOffset: true);

    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, RotaryEmbedding rotary, ForwardBatch batch)
    {
        using var scope = NewDisposeScope();
        var attended = _postAttentionLayernorm.Forward(_selfAttn.Forward(_inputLayernorm.Forward(hidden), cos, sin, rotary, batch));
        var residual = hidden.add(attended, Scalars.One);
        var mlp = _postFeedforwardLayernorm.Forward(_mlp.Forward(_preFeedforwardLayernorm.Forward(residual)));
        return residual.add(mlp, Scalars.One).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _selfAttn.Dispose();
        _mlp.Dispose();
        _inputLayernorm.Dispose();
        _postAttentionLayernorm.Dispose();
        _preFeedforwardLayernorm.Dispose();
        _postFeedforwardLayernorm.Dispose();
    }
}

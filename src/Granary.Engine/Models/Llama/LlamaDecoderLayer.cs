using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Llama;

/// <summary>Pre-norm residual block: x + attn(norm(x)), then x + mlp(norm(x)).</summary>
internal sealed class LlamaDecoderLayer : IDisposable
{
    private readonly LlamaAttention _selfAttn;
    private readonly LlamaMLP _mlp;
    private readonly RmsNorm _inputLayernorm;
    private readonly RmsNorm _postAttentionLayernorm;

    public LlamaDecoderLayer(WeightLoader weights, string prefix, ModelConfig config, WeightNames names, LlamaAttention selfAttn)
    {
        _selfAttn = selfAttn;
        _mlp = new LlamaMLP(weights, $"{prefix}.mlp", config, names);
        _inputLayernorm = new RmsNorm(weights, $"{prefix}.input_layernorm", config.HiddenSize, config.RmsNormEps);
        _postAttentionLayernorm = new RmsNorm(weights, $"{prefix}.post_attention_layernorm", config.HiddenSize, config.RmsNormEps);
    }

    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, RotaryEmbedding rotary, ForwardBatch batch)
    {
        using var scope = NewDisposeScope();
        var attended = _selfAttn.Forward(_inputLayernorm.Forward(hidden), cos, sin, rotary, batch);
        var residual = hidden.add(attended, Scalars.One);
        var output = residual.add(_mlp.Forward(_postAttentionLayernorm.Forward(residual)), Scalars.One);
        return output.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _selfAttn.Dispose();
        _mlp.Dispose();
        _inputLayernorm.Dispose();
        _postAttentionLayernorm.Dispose();
    }
}

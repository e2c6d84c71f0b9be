using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models;

/// <summary>A decoder-only language model: hidden states for a batch, and logits for chosen rows.</summary>
internal abstract class CausalLM(ModelConfig config) : IDisposable
{
    public ModelConfig Config { get; } = config;

    /// <summary>
    /// The decoder's input embeddings [tokens, hidden] of token ids [tokens] (HF's get_input_embeddings),
    /// so another modality's embeddings can be spliced in and passed as <see cref="ForwardBatch.InputEmbeddings"/>.
    /// Any family-specific scaling (Gemma's √hidden) is applied later, in <see cref="Forward"/>, as HF does.
    /// </summary>
    public abstract Tensor EmbedInputIds(Tensor inputIds);

    /// <summary>Runs every layer over the batch's tokens, filling the KV cache; returns [tokens, hidden].</summary>
    public abstract Tensor Forward(ForwardBatch batch);

    /// <summary>Image features in the text model's width, [images, tokens per image, hidden], for pixel values [images, 3, h, w].</summary>
    public virtual Tensor EncodeImages(Tensor pixelValues) => throw new NotSupportedException($"{Config.Architecture} takes no images");

    /// <summary>Float32 logits [rows, vocab] for the given hidden states.</summary>
    public abstract Tensor ComputeLogits(Tensor hidden);

    public abstract void Dispose();

    /// <summary><c>lm_head</c>, or a projection through the input embeddings when the config ties them.</summary>
    protected static Linear LoadLmHead(WeightLoader weights, WeightNames names, ModelConfig config, Tensor embedTokens)
    {
        if (config.TieWordEmbeddings) return Linear.Shared(embedTokens, weights.Workers);
        if (!weights.Contains($"{names.LmHead}.weight"))
            throw new ModelLoadException($"tensor '{names.LmHead}.weight' is missing from the checkpoint and config.json does not set tie_word_embeddings");
        return Linear.Load(weights, names.LmHead, config.HiddenSize, config.VocabSize, bias: false);
    }
}

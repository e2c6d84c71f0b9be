using Granary.Engine.Configuration;
using static TorchSharp.torch;

namespace Granary.Engine.Models;

/// <summary>A decoder-only language model: hidden states for a batch, and logits for chosen rows.</summary>
internal abstract class CausalLM(ModelConfig config) : IDisposable
{
    public ModelConfig Config { get; } = config;

    /// <summary>Runs every layer over the batch's tokens, filling the KV cache; returns [tokens, hidden].</summary>
    public abstract Tensor Forward(ForwardBatch batch);

    /// <summary>The placeholder token that image features replace; null for a text-only model.</summary>
    public virtual int? ImageTokenId => null;

    /// <summary>Image features in the text model's width, [images, tokens per image, hidden], for pixel values [images, 3, h, w].</summary>
    public virtual Tensor EncodeImages(Tensor pixelValues) => throw new NotSupportedException($"{Config.Architecture} takes no images");

    /// <summary>Float32 logits [rows, vocab] for the given hidden states.</summary>
    public abstract Tensor ComputeLogits(Tensor hidden);

    public abstract void Dispose();
}

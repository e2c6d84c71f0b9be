using Granary.Engine.Abstractions;
using static TorchSharp.torch;

namespace Granary.Engine.Multimodal;

/// <summary>
/// One image of a prompt: its preprocessed pixels, where its placeholder tokens sit, and a digest of
/// its pixels that keys the prefix cache. Its features are computed on the engine thread the first
/// time a step reaches its tokens, then kept for the request's life (preemption does not re-encode).
/// </summary>
internal sealed class PromptImage(int offset, int tokenCount, float[] pixels, int height, int width) : IDisposable
{
    /// <summary>The prompt position of the first placeholder token.</summary>
    public int Offset { get; } = offset;

    /// <summary>How many placeholder tokens (and feature rows) the image has.</summary>
    public int TokenCount { get; } = tokenCount;

    public int End => Offset + TokenCount;

    /// <summary>float32 [3, Height, Width].</summary>
    public float[] Pixels { get; } = pixels;

    public int Height { get; } = height;

    public int Width { get; } = width;

    public BlockHash ContentHash { get; } = BlockHash.OfBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels.AsSpan()));

    /// <summary>Set by the scheduler when a step was charged for encoding it.</summary>
    public bool EncoderScheduled { get; set; }

    /// <summary>[TokenCount, text hidden], once encoded; owned by this image.</summary>
    public Tensor? Features { get; set; }

    public bool Overlaps(int start, int end) => Offset < end && start < End;

    public void Dispose() => Features?.Dispose();
}

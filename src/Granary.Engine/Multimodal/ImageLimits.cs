namespace Granary.Engine.Multimodal;

/// <summary>What one image may cost before it is refused: its encoded bytes and its decoded pixels.</summary>
internal sealed record ImageLimits
{
    /// <summary>OpenAI's own per-image limit.</summary>
    public long MaxBytes { get; init; } = 20L << 20;

    /// <summary>About 6000×5000: decoding more would take hundreds of MiB for one request.</summary>
    public long MaxPixels { get; init; } = 32L << 20;
}

namespace Granary.Engine.Abstractions;

/// <summary>
/// Which prompt blocks an engine's prefix cache holds, for prefix-aware routing: the short keys
/// (<see cref="BlockHash.Low"/>) of its most recently used cached blocks, at most
/// <see cref="MaxBlocks"/> of them, so a heartbeat carries at most 8 × 2,048 bytes = 16 KiB of it.
/// </summary>
[GenerateSerializer, Immutable, Alias("granary.prefix-summary")]
public sealed record PrefixSummary
{
    /// <summary>2,048 blocks of 16 tokens: the last 32,768 cached prompt tokens.</summary>
    public const int MaxBlocks = 2048;

    [Id(0)] public required int BlockSize { get; init; }

    [Id(1)] public required ulong[] Blocks { get; init; }
}

using static TorchSharp.torch;

namespace Granary.Engine.Attention;

/// <summary>
/// Everything attention needs for one forward pass, built once per step on the host and moved to
/// the device before the first layer: where new keys go (slot mapping), which cached slots each
/// sequence reads, and the masks. Decode sequences (one query token) come first in token order
/// and are attended as one batch; each prefill chunk is attended on its own.
/// </summary>
internal sealed class AttentionMetadata : IDisposable
{
    private readonly Device _device;
    private readonly Dictionary<int, Tensor> _decodeMasks = [];
    private readonly Dictionary<(int Slice, int Window), Tensor> _prefillMasks = [];
    private readonly Dictionary<int, Tensor> _prefillGathers = [];
    private Tensor? _decodeGather;

    public AttentionMetadata(IReadOnlyList<SequenceSlice> slices, int blockSize, Device device)
    {
        Slices = slices;
        BlockSize = blockSize;
        _device = device;
        DecodeCount = slices.TakeWhile(s => s.IsDecode).Count();
        if (slices.Skip(DecodeCount).Any(s => s.IsDecode))
            throw new ArgumentException("decode sequences must come before prefill sequences", nameof(slices));

        var slots = slices.SelectMany(s => Enumerable.Range(s.FirstPosition, s.QueryLength).Select(p => s.Slot(p, blockSize))).ToArray();
        SlotMapping = Persistent(() => tensor(slots, ScalarType.Int64, device));

        if (DecodeCount > 0)
        {
            DecodeKeyLength = slices.Take(DecodeCount).Max(s => s.ContextLength);
            DecodeSlots = new long[DecodeCount * DecodeKeyLength];
            for (var b = 0; b < DecodeCount; b++)
            for (var j = 0; j < slices[b].ContextLength; j++)
                DecodeSlots[b * DecodeKeyLength + j] = slices[b].Slot(j, blockSize);
        }
    }

    public IReadOnlyList<SequenceSlice> Slices { get; }

    public int BlockSize { get; }

    public int DecodeCount { get; }

    public int DecodeKeyLength { get; }

    public Tensor SlotMapping { get; }

    /// <summary>Per decode sequence b, the cache slot of its position j at [b × DecodeKeyLength + j]; padding is slot 0.</summary>
    public long[] DecodeSlots { get; } = [];

    /// <summary><see cref="DecodeSlots"/> on the device, built on first use (the CPU kernel reads the array itself).</summary>
    public Tensor DecodeGather => _decodeGather ??= Persistent(() => tensor(DecodeSlots, ScalarType.Int64, _device));

    /// <summary>
    /// [decodes, 1, 1, keys]: key j visible to the decode token of sequence b; null when every key is
    /// visible to every decode (equal lengths, no window), which lets SDPA take its unmasked kernel.
    /// </summary>
    public Tensor? DecodeMask(int? window) => NeedsDecodeMask(window) ? BuildDecodeMask(window) : null;

    private bool NeedsDecodeMask(int? window) =>
        Slices.Take(DecodeCount).Any(s => s.ContextLength != DecodeKeyLength || (window is { } w && s.ContextLength > w));

    private Tensor BuildDecodeMask(int? window) => Cached(_decodeMasks, window ?? 0, () =>
    {
        var mask = new bool[DecodeCount * DecodeKeyLength];
        for (var b = 0; b < DecodeCount; b++)
        {
            var query = Slices[b].ContextLength - 1;
            for (var j = 0; j < Slices[b].ContextLength; j++)
                mask[b * DecodeKeyLength + j] = Visible(query, j, window);
        }
        return tensor(mask, device: _device).view(DecodeCount, 1, 1, DecodeKeyLength);
    });

    /// <summary>Cache slots holding positions [0, ContextLength) of a prefill slice that has earlier context.</summary>
    public Tensor PrefillGather(int sliceIndex) => Cached(_prefillGathers, sliceIndex, () =>
    {
        var slice = Slices[sliceIndex];
        var slots = Enumerable.Range(0, slice.ContextLength).Select(p => slice.Slot(p, BlockSize)).ToArray();
        return tensor(slots, ScalarType.Int64, _device);
    });

    /// <summary>[queries, keys] causal (and windowed) visibility for a prefill slice.</summary>
    public Tensor PrefillMask(int sliceIndex, int? window) => Cached(_prefillMasks, (sliceIndex, window ?? 0), () =>
    {
        var slice = Slices[sliceIndex];
        var mask = new bool[slice.QueryLength * slice.ContextLength];
        for (var i = 0; i < slice.QueryLength; i++)
        for (var j = 0; j < slice.ContextLength; j++)
            mask[i * slice.ContextLength + j] = Visible(slice.FirstPosition + i, j, window);
        return tensor(mask, device: _device).view(slice.QueryLength, slice.ContextLength);
    });

    public void Dispose()
    {
        SlotMapping.Dispose();
        _decodeGather?.Dispose();
        foreach (var t in _decodeMasks.Values.Concat(_prefillMasks.Values).Concat(_prefillGathers.Values)) t.Dispose();
    }

    // HF: causal, and with a sliding window only keys with kv_idx > q_idx - window.
    private static bool Visible(int query, int key, int? window) => key <= query && (window is null || key > query - window);

    private static Tensor Cached<TKey>(Dictionary<TKey, Tensor> cache, TKey key, Func<Tensor> build) where TKey : notnull
    {
        if (!cache.TryGetValue(key, out var value))
        {
            value = Persistent(build);
            cache[key] = value;
        }
        return value;
    }

    // Owned by this metadata rather than by whatever dispose scope the forward pass has open.
    private static Tensor Persistent(Func<Tensor> build)
    {
        using var scope = NewDisposeScope();
        return build().DetachFromDisposeScope();
    }
}

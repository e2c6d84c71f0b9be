using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Granary.Engine.Abstractions;

/// <summary>
/// Identity of a full KV block's contents: a 128-bit digest of the parent block's hash and the
/// block's token ids, so equal hashes mean equal prefixes (vLLM's prefix-cache key). Shared by the
/// engine's prefix cache and the router, which must hash a prompt exactly as the cache does.
/// </summary>
public readonly record struct BlockHash(ulong High, ulong Low)
{
    public static BlockHash Of(BlockHash? parent, ReadOnlySpan<int> tokens) => Of(parent, tokens, []);

    /// <param name="extraKeys">
    /// What the tokens alone do not say about the block (vLLM's extra keys): for image placeholder
    /// tokens, which image and which part of it, so two images make two different prefixes.
    /// </param>
    public static BlockHash Of(BlockHash? parent, ReadOnlySpan<int> tokens, ReadOnlySpan<byte> extraKeys)
    {
        var length = 16 + tokens.Length * sizeof(int) + extraKeys.Length;
        // Image blocks carry extra keys: past a small size the input goes on the heap.
        Span<byte> input = length <= 1024 ? stackalloc byte[length] : new byte[length];
        input[..16].Clear();
        if (parent is { } p)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(input, p.High);
            BinaryPrimitives.WriteUInt64LittleEndian(input[8..], p.Low);
        }
        MemoryMarshal.AsBytes(tokens).CopyTo(input[16..]);
        extraKeys.CopyTo(input[(16 + tokens.Length * sizeof(int))..]);
        return OfBytes(input);
    }

    /// <summary>The digest of arbitrary content (an image's pixels).</summary>
    public static BlockHash OfBytes(ReadOnlySpan<byte> content)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(content, digest);
        return new BlockHash(BinaryPrimitives.ReadUInt64LittleEndian(digest), BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]));
    }

    /// <summary>
    /// The short keys (low 64 bits) of the prompt's blocks that a prefix-cache hit can cover: the
    /// full blocks before the last prompt token, which is always computed. At most <paramref name="maxBlocks"/>.
    /// </summary>
    public static ulong[] PromptKeys(ReadOnlySpan<int> tokens, int blockSize, int maxBlocks = int.MaxValue)
    {
        if (blockSize <= 0 || tokens.Length == 0) return [];
        var count = Math.Min((tokens.Length - 1) / blockSize, maxBlocks);
        var keys = new ulong[count];
        BlockHash? parent = null;
        for (var i = 0; i < count; i++)
        {
            var hash = Of(parent, tokens.Slice(i * blockSize, blockSize));
            keys[i] = hash.Low;
            parent = hash;
        }
        return keys;
    }
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Granary.Engine.KvCache;

/// <summary>
/// Identity of a full KV block's contents: a 128-bit digest of the parent block's hash and the
/// block's token ids, so equal hashes mean equal prefixes (vLLM's prefix-cache key).
/// </summary>
internal readonly record struct BlockHash(ulong High, ulong Low)
{
    public static BlockHash Of(BlockHash? parent, ReadOnlySpan<int> tokens) => Of(parent, tokens, []);

    /// <param name="extraKeys">
    /// What the tokens alone do not say about the block (vLLM's extra keys): for image placeholder
    /// tokens, which image and which part of it, so two images make two different prefixes.
    /// </param>
    public static BlockHash Of(BlockHash? parent, ReadOnlySpan<int> tokens, ReadOnlySpan<byte> extraKeys)
    {
        var input = new byte[16 + tokens.Length * sizeof(int) + extraKeys.Length];
        if (parent is { } p)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(input, p.High);
            BinaryPrimitives.WriteUInt64LittleEndian(input.AsSpan(8), p.Low);
        }
        MemoryMarshal.AsBytes(tokens).CopyTo(input.AsSpan(16));
        extraKeys.CopyTo(input.AsSpan(16 + tokens.Length * sizeof(int)));
        return OfBytes(input);
    }

    /// <summary>The digest of arbitrary content (an image's pixels).</summary>
    public static BlockHash OfBytes(ReadOnlySpan<byte> content)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(content, digest);
        return new BlockHash(BinaryPrimitives.ReadUInt64LittleEndian(digest), BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]));
    }
}

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
    public static BlockHash Of(BlockHash? parent, ReadOnlySpan<int> tokens)
    {
        Span<byte> input = stackalloc byte[16 + tokens.Length * sizeof(int)];
        if (parent is { } p)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(input, p.High);
            BinaryPrimitives.WriteUInt64LittleEndian(input[8..], p.Low);
        }
        MemoryMarshal.AsBytes(tokens).CopyTo(input[16..]);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(input, digest);
        return new BlockHash(BinaryPrimitives.ReadUInt64LittleEndian(digest), BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]));
    }
}

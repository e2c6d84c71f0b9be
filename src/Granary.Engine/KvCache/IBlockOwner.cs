using Granary.Engine.Abstractions;

namespace Granary.Engine.KvCache;

/// <summary>What the block manager needs of a sequence: its tokens, its blocks and their hashes.</summary>
internal interface IBlockOwner
{
    IReadOnlyList<int> TokenIds { get; }

    List<int> BlockTable { get; }

    /// <summary>Hashes of the leading full blocks, in order (computed lazily, kept across steps).</summary>
    List<BlockHash> BlockHashes { get; }

    /// <summary>The prompt's images, by placeholder position; their content goes into the hashes of the blocks they touch.</summary>
    IReadOnlyList<Multimodal.PromptImage> Images { get; }
}

using Granary.Engine.Abstractions;

namespace Granary.Engine.KvCache;

/// <summary>One block of the pool: how many sequences use it, and its content hash once full.</summary>
internal sealed class KvBlock(int id)
{
    public int Id { get; } = id;

    public int RefCount { get; set; }

    public BlockHash? Hash { get; set; }

    /// <summary>The manager's clock when a sequence last cached or reused it: recency for the routing summary.</summary>
    public long LastUsed { get; set; }

    /// <summary>Its node in the free queue while unreferenced, for O(1) removal on a cache hit.</summary>
    public LinkedListNode<KvBlock>? FreeNode { get; set; }
}

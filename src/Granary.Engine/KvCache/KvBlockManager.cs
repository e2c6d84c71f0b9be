using Granary.Engine.Abstractions;

namespace Granary.Engine.KvCache;

/// <summary>
/// Allocates KV blocks to sequences and runs automatic prefix caching: full blocks are keyed by
/// <see cref="BlockHash"/>; freed blocks keep their contents in an LRU free queue and are reused
/// by a later sequence with the same prefix, or evicted (oldest first) when a block is needed.
/// </summary>
internal sealed class KvBlockManager
{
    private readonly KvBlock[] _blocks;
    private readonly LinkedList<KvBlock> _free = new();
    private readonly Dictionary<BlockHash, KvBlock> _cached = [];
    private readonly List<(int Source, int Destination)> _pendingCopies = [];
    private long _clock;

    public KvBlockManager(int numBlocks, int blockSize, bool enablePrefixCaching = true)
    {
        BlockSize = blockSize;
        EnablePrefixCaching = enablePrefixCaching;
        _blocks = Enumerable.Range(0, numBlocks).Select(i => new KvBlock(i)).ToArray();
        foreach (var block in _blocks) block.FreeNode = _free.AddLast(block);
    }

    public int BlockSize { get; }

    public bool EnablePrefixCaching { get; }

    public double Usage => 1.0 - (double)_free.Count / _blocks.Length;

    public long PrefixQueries { get; private set; }

    public long PrefixHits { get; private set; }

    public int BlocksFor(int tokens) => (tokens + BlockSize - 1) / BlockSize;

    /// <summary>
    /// Attaches the cached blocks of the owner's longest cached prefix and returns how many tokens
    /// they hold. At least one prompt token is always left to compute, so there are logits to sample.
    /// </summary>
    public int AttachCachedPrefix(IBlockOwner owner, int promptLength)
    {
        if (!EnablePrefixCaching || owner.BlockTable.Count > 0) return 0;
        var fullBlocks = (promptLength - 1) / BlockSize;
        var hits = new List<KvBlock>();
        for (var i = 0; i < fullBlocks; i++)
        {
            if (!_cached.TryGetValue(HashOf(owner, i), out var block)) break;
            hits.Add(block);
        }
        PrefixQueries += promptLength;
        PrefixHits += hits.Count * BlockSize;
        _clock++;
        foreach (var block in hits)
        {
            Reference(block);
            block.LastUsed = _clock;
        }
        owner.BlockTable.AddRange(hits.Select(b => b.Id));
        return hits.Count * BlockSize;
    }

    /// <summary>Whether <paramref name="tokens"/> total tokens of the owner fit after allocating.</summary>
    public bool CanGrow(IBlockOwner owner, int tokens) => BlocksFor(tokens) - owner.BlockTable.Count <= _free.Count;

    /// <summary>Grows the owner's block table to cover <paramref name="tokens"/> tokens; false (and no change) if the pool is short.</summary>
    public bool TryGrow(IBlockOwner owner, int tokens)
    {
        if (!CanGrow(owner, tokens)) return false;
        while (owner.BlockTable.Count < BlocksFor(tokens))
            owner.BlockTable.Add(TakeFreeBlock().Id);
        return true;
    }

    /// <summary>Registers the owner's blocks that are now full of computed tokens in the prefix cache.</summary>
    public void CacheFullBlocks(IBlockOwner owner, int computedTokens)
    {
        if (!EnablePrefixCaching) return;
        var full = Math.Min(computedTokens / BlockSize, owner.BlockTable.Count);
        _clock++;
        for (var i = 0; i < full; i++)
        {
            var block = _blocks[owner.BlockTable[i]];
            if (block.Hash is not null) continue;
            var hash = HashOf(owner, i);
            if (!_cached.TryAdd(hash, block)) continue;
            block.Hash = hash;
            block.LastUsed = _clock;
        }
    }

    /// <summary>
    /// The short keys of the most recently cached or reused blocks, newest first, at most <paramref name="max"/>:
    /// what this engine tells the routers it holds. Blocks used together share a stamp, so a prefix's blocks stay together.
    /// </summary>
    public ulong[] RecentBlocks(int max)
    {
        if (!EnablePrefixCaching) return [];
        return _cached.Values.OrderByDescending(b => b.LastUsed).Take(max).Select(b => b.Hash!.Value.Low).ToArray();
    }

    /// <summary>Releases the owner's blocks; cached ones stay reusable until evicted. Tail blocks go first in eviction order.</summary>
    public void Free(IBlockOwner owner)
    {
        for (var i = owner.BlockTable.Count - 1; i >= 0; i--)
        {
            var block = _blocks[owner.BlockTable[i]];
            if (--block.RefCount > 0) continue;
            if (block.Hash is null) block.FreeNode = _free.AddFirst(block); // contentless: reuse first
            else block.FreeNode = _free.AddLast(block);
        }
        owner.BlockTable.Clear();
    }

    /// <summary>
    /// Gives <paramref name="child"/> the parent's blocks for its first <paramref name="tokens"/> tokens:
    /// full blocks shared, a partial last block copied (the copy is queued for the next forward pass).
    /// </summary>
    public bool TryFork(IBlockOwner parent, IBlockOwner child, int tokens)
    {
        var blocks = BlocksFor(tokens);
        var partial = tokens % BlockSize != 0;
        if (partial && _free.Count == 0) return false;
        for (var i = 0; i < blocks; i++)
        {
            if (partial && i == blocks - 1)
            {
                var copy = TakeFreeBlock();
                _pendingCopies.Add((parent.BlockTable[i], copy.Id));
                child.BlockTable.Add(copy.Id);
            }
            else
            {
                Reference(_blocks[parent.BlockTable[i]]);
                child.BlockTable.Add(parent.BlockTable[i]);
            }
        }
        child.BlockHashes.AddRange(parent.BlockHashes);
        return true;
    }

    /// <summary>Block copies the KV cache must perform before the next forward pass.</summary>
    public IReadOnlyList<(int Source, int Destination)> TakePendingCopies()
    {
        var copies = _pendingCopies.ToArray();
        _pendingCopies.Clear();
        return copies;
    }

    private KvBlock TakeFreeBlock()
    {
        var block = _free.First?.Value ?? throw new InvalidOperationException("KV block pool exhausted");
        if (block.Hash is { } hash)
        {
            _cached.Remove(hash); // evict: its contents are about to be overwritten
            block.Hash = null;
        }
        Reference(block);
        return block;
    }

    private void Reference(KvBlock block)
    {
        if (block.RefCount++ == 0 && block.FreeNode is { } node)
        {
            _free.Remove(node);
            block.FreeNode = null;
        }
    }

    /// <summary>Per image the block touches: its content digest and where in the image the block starts.</summary>
    private byte[] ImageKeys(IReadOnlyList<Multimodal.PromptImage> images, int start)
    {
        if (images.Count == 0) return [];
        var keys = new List<byte>();
        foreach (var image in images.Where(m => m.Overlaps(start, start + BlockSize)))
        {
            keys.AddRange(BitConverter.GetBytes(image.ContentHash.High));
            keys.AddRange(BitConverter.GetBytes(image.ContentHash.Low));
            keys.AddRange(BitConverter.GetBytes(start - image.Offset));
        }
        return keys.ToArray();
    }

    private BlockHash HashOf(IBlockOwner owner, int blockIndex)
    {
        while (owner.BlockHashes.Count <= blockIndex)
        {
            var i = owner.BlockHashes.Count;
            var tokens = owner.TokenIds.Skip(i * BlockSize).Take(BlockSize).ToArray();
            owner.BlockHashes.Add(BlockHash.Of(i == 0 ? null : owner.BlockHashes[i - 1], tokens, ImageKeys(owner.Images, i * BlockSize)));
        }
        return owner.BlockHashes[blockIndex];
    }
}

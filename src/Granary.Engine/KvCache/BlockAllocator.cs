namespace Granary.Engine.KvCache;

/// <summary>Hands out free KV blocks by index; a block is either free or owned by sequences.</summary>
internal sealed class BlockAllocator
{
    private readonly Stack<int> _free;

    public BlockAllocator(int numBlocks)
    {
        NumBlocks = numBlocks;
        _free = new Stack<int>(Enumerable.Range(0, numBlocks).Reverse());
    }

    public int NumBlocks { get; }

    public int FreeBlocks => _free.Count;

    public bool TryAllocate(out int block) => _free.TryPop(out block);

    public void Free(int block) => _free.Push(block);
}

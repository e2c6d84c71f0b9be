namespace Granary.Engine.Attention;

/// <summary>
/// One sequence's part of a forward batch: its query tokens occupy rows
/// [QueryStart, QueryStart + QueryLength) and sit at positions [ContextLength - QueryLength, ContextLength);
/// after this step the cache holds ContextLength tokens of it, in the blocks of <see cref="BlockTable"/>.
/// </summary>
internal sealed record SequenceSlice(int QueryStart, int QueryLength, int ContextLength, IReadOnlyList<int> BlockTable)
{
    public int FirstPosition => ContextLength - QueryLength;

    public bool IsDecode => QueryLength == 1;

    public long Slot(int position, int blockSize) => (long)BlockTable[position / blockSize] * blockSize + position % blockSize;
}

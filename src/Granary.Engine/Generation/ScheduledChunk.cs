namespace Granary.Engine.Generation;

/// <summary>
/// One sequence's work in a forward pass: <paramref name="TokenIds"/> at positions starting at
/// <paramref name="StartPosition"/> (earlier positions are already cached in <paramref name="BlockTable"/>'s blocks).
/// With <paramref name="AllLogits"/>, logits come back for every token, not only the last.
/// </summary>
internal sealed record ScheduledChunk(IReadOnlyList<int> TokenIds, int StartPosition, IReadOnlyList<int> BlockTable, bool AllLogits = false)
{
    public int EndPosition => StartPosition + TokenIds.Count;

    public int LogitRows => AllLogits ? TokenIds.Count : 1;
}

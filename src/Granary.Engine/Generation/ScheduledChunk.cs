namespace Granary.Engine.Generation;

/// <summary>
/// One sequence's work in a forward pass: <paramref name="TokenIds"/> at positions starting at
/// <paramref name="StartPosition"/> (earlier positions are already cached in <paramref name="BlockTable"/>'s blocks).
/// Logits come back for the last token, for every token with <paramref name="AllLogits"/>, or for
/// none when <paramref name="NeedsLogits"/> is false (a prefill chunk that is not the prompt's last).
/// <paramref name="Images"/> are the sequence's prompt images; those the chunk reaches replace their placeholders' embeddings.
/// </summary>
internal sealed record ScheduledChunk(
    IReadOnlyList<int> TokenIds, int StartPosition, IReadOnlyList<int> BlockTable, bool AllLogits = false, bool NeedsLogits = true,
    IReadOnlyList<Multimodal.PromptImage>? Images = null)
{
    public int EndPosition => StartPosition + TokenIds.Count;

    public int LogitRows => AllLogits ? TokenIds.Count : NeedsLogits ? 1 : 0;
}

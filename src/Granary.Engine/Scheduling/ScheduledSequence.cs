namespace Granary.Engine.Scheduling;

/// <summary>A sequence and how many of its uncomputed tokens one step processes, fixed when scheduled.</summary>
internal readonly record struct ScheduledSequence
{
    public ScheduledSequence(Sequence sequence, int tokenCount)
    {
        Sequence = sequence;
        TokenCount = tokenCount;
        StartPosition = sequence.NumComputedTokens;
        Samples = sequence.NumComputedTokens + tokenCount == sequence.TokenIds.Count;
        PromptTokens = Math.Clamp(sequence.PromptLength - sequence.NumComputedTokens, 0, tokenCount);
    }

    public Sequence Sequence { get; }

    public int TokenCount { get; }

    /// <summary>The first position this step computes.</summary>
    public int StartPosition { get; }

    /// <summary>True when this step computes the sequence's last known token, so a new one is sampled.</summary>
    public bool Samples { get; }

    /// <summary>How many of this step's tokens belong to the prompt.</summary>
    public int PromptTokens { get; }

    public void Deconstruct(out Sequence sequence, out int tokenCount) => (sequence, tokenCount) = (Sequence, TokenCount);
}

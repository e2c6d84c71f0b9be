namespace Granary.Engine.Scheduling;

/// <summary>Limits of one scheduler step.</summary>
internal sealed record SchedulerConfig
{
    /// <summary>Sequences that may run at once.</summary>
    public int MaxNumSequences { get; init; } = 256;

    /// <summary>Tokens one forward pass may process; long prompts are prefilled in chunks of at most this.</summary>
    public int MaxNumBatchedTokens { get; init; } = 2048;
}

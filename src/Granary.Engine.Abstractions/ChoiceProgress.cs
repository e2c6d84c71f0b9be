namespace Granary.Engine.Abstractions;

/// <summary>What the client already received of one choice before its replica went away.</summary>
[GenerateSerializer, Immutable, Alias("granary.choice-progress")]
public sealed record ChoiceProgress
{
    /// <summary>Every token id of the choice's events so far, in order.</summary>
    [Id(0)] public int[] TokenIds { get; init; } = [];

    /// <summary>Length (UTF-16 chars) of the choice's event text so far; text held back for stop strings is not in it.</summary>
    [Id(1)] public int TextLength { get; init; }

    /// <summary>Tool calls the choice has opened so far (their deltas' highest index + 1).</summary>
    [Id(2)] public int ToolCalls { get; init; }

    /// <summary>The choice's last event (the one with a finish reason) was received: nothing is left to send.</summary>
    [Id(3)] public bool Finished { get; init; }
}

namespace Granary.Bench.Metrics;

/// <summary>A failure message and how many requests failed with it.</summary>
internal sealed record ErrorCount(string Message, int Count);

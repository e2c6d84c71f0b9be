namespace Granary.Bench.Commands;

/// <summary>Where a benchmark's results go besides the console, and its label.</summary>
internal sealed record ReportTargets(string? ResultJson, string? Plot, string? Label, bool Detailed = false);

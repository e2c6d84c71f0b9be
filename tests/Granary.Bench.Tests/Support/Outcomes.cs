using Granary.Bench.Metrics;

namespace Granary.Bench.Tests.Support;

/// <summary>Synthetic request outcomes in milliseconds, for metric math by hand.</summary>
internal static class Outcomes
{
    public static RequestOutcome Ok(double startMs, double ttftMs, double latencyMs, int outputTokens, int promptTokens = 10, params double[] itlMs) => new()
    {
        Success = true,
        StartTime = startMs / 1000,
        Ttft = ttftMs / 1000,
        Latency = latencyMs / 1000,
        OutputTokens = outputTokens,
        PromptTokens = promptTokens,
        InterTokenLatencies = itlMs.Select(ms => ms / 1000).ToArray(),
    };

    public static RequestOutcome Failed(string error, double startMs = 0) => RequestOutcome.Failed(startMs / 1000, error, promptTokens: 10);
}

namespace Granary.Bench.Metrics;

/// <summary>
/// What one request did, as the client saw it. Times are seconds: <see cref="StartTime"/> from the
/// start of the run, the others from the moment the request was sent.
/// </summary>
internal sealed record RequestOutcome
{
    public required bool Success { get; init; }

    /// <summary>Why the request failed; null when it succeeded.</summary>
    public string? Error { get; init; }

    /// <summary>Prompt tokens as the server counted them (usage.prompt_tokens), else as sent.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Prompt tokens the server served from its prefix cache (usage.prompt_tokens_details.cached_tokens), when it says.</summary>
    public int CachedPromptTokens { get; init; }

    /// <summary>Generated tokens as the server counted them (usage.completion_tokens), never counted from chunks.</summary>
    public int OutputTokens { get; init; }

    public double StartTime { get; init; }

    /// <summary>Time to the first chunk that carried generated tokens.</summary>
    public double Ttft { get; init; }

    /// <summary>Time to the last chunk of the choice (its finish chunk): the end-to-end latency.</summary>
    public double Latency { get; init; }

    /// <summary>Every gap between consecutive token-carrying chunks of this request.</summary>
    public IReadOnlyList<double> InterTokenLatencies { get; init; } = [];

    public static RequestOutcome Failed(double startTime, string error, int promptTokens = 0) =>
        new() { Success = false, Error = error, StartTime = startTime, PromptTokens = promptTokens };
}

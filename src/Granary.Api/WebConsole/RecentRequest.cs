namespace Granary.Api.WebConsole;

/// <summary>
/// One finished generation request as the console lists it: what was asked of which model and how it
/// ended. Deliberately no key, no prompt and no output, so the log can be shown to anyone with a key.
/// </summary>
internal sealed record RecentRequest
{
    public required DateTimeOffset Time { get; init; }
    public required string Endpoint { get; init; }
    public string? Model { get; init; }
    public bool Stream { get; init; }
    public required int Status { get; init; }

    /// <summary>The client went away before the response was complete.</summary>
    public bool Aborted { get; init; }

    public string? FinishReason { get; init; }
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    public required double DurationMs { get; init; }
}

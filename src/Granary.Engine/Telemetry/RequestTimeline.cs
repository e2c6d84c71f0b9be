using System.Diagnostics;
using Granary.Engine.Abstractions;

namespace Granary.Engine.Telemetry;

/// <summary>
/// When a request arrived, was queued, first scheduled, and produced tokens, in vLLM's terms; the
/// engine thread fills it in and reports the request once, when it ends.
/// </summary>
internal sealed class RequestTimeline(EngineTelemetry? telemetry, int promptTokens, DateTime? arrival = null)
{
    private bool _reported;
    private DateTime? _lastOfFirstChoice;

    public DateTime Arrival { get; } = arrival ?? DateTime.UtcNow;

    /// <summary>The span the request was submitted under (the replica grain's call), so engine spans join its trace.</summary>
    public ActivityContext Parent { get; } = Activity.Current?.Context ?? default;

    public int PromptTokens { get; } = promptTokens;

    public DateTime Queued { get; private set; } = DateTime.UtcNow;

    public DateTime? Scheduled { get; private set; }

    public DateTime? FirstToken { get; private set; }

    public DateTime? LastToken { get; private set; }

    public int GeneratedTokens { get; private set; }

    public int CachedTokens { get; set; }

    public FinishReason? LastFinish { get; set; }

    public void OnQueued() => Queued = DateTime.UtcNow;

    public void OnScheduled() => Scheduled ??= DateTime.UtcNow;

    /// <summary>New tokens of one choice; inter-token gaps are measured on choice 0 (forked choices emit in the same step).</summary>
    public void OnTokens(int choice, int count)
    {
        if (count == 0) return;
        var now = DateTime.UtcNow;
        GeneratedTokens += count;
        FirstToken ??= now;
        LastToken = now;
        if (choice != 0) return;
        if (_lastOfFirstChoice is { } previous) telemetry?.RecordInterToken(now - previous);
        _lastOfFirstChoice = now;
    }

    /// <summary>Reports the request once: with its choices' finish reason, or <paramref name="ended"/> when it was cut short.</summary>
    public void Report(string? ended = null)
    {
        if (_reported || telemetry is null) return;
        _reported = true;
        telemetry.RecordFinished(this, ended ?? Reason(LastFinish));
    }

    // vLLM's finished_reason values: a tool call is a stop to the engine.
    private static string Reason(FinishReason? finish) => finish switch
    {
        FinishReason.Length => "length",
        FinishReason.Abort or null => "abort",
        _ => "stop",
    };
}

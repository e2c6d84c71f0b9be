using System.Collections.Concurrent;
using System.Diagnostics;
using Granary.Engine.Abstractions;

namespace Granary.Engine.Telemetry;

/// <summary>
/// One engine's view of the process-wide instruments: its tags (vLLM's model_name, and engine, the
/// replica's index in this process, which survives restarts unlike a silo address) and its live stats.
/// </summary>
internal sealed class EngineTelemetry : IDisposable
{
    private static readonly ConcurrentDictionary<EngineTelemetry, byte> LiveEngines = new();
    private readonly Func<EngineStats> _stats;

    public EngineTelemetry(string model, int engine, Func<EngineStats> stats)
    {
        Model = model;
        _stats = stats;
        Tags = [new("model_name", model), new("engine", engine.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        LiveEngines.TryAdd(this, 0);
    }

    public static IEnumerable<EngineTelemetry> Live => LiveEngines.Keys;

    public string Model { get; }

    public KeyValuePair<string, object?>[] Tags { get; }

    public EngineStats Stats() => _stats();

    public void RecordStep(int promptTokens, int generatedTokens)
    {
        if (promptTokens > 0) EngineInstruments.PromptTokens.Add(promptTokens, Tags);
        if (generatedTokens > 0) EngineInstruments.GenerationTokens.Add(generatedTokens, Tags);
    }

    public void RecordInterToken(TimeSpan gap)
    {
        EngineInstruments.InterTokenLatencySeconds.Record(gap.TotalSeconds, Tags);
        EngineInstruments.TimePerOutputTokenSeconds.Record(gap.TotalSeconds, Tags);
    }

    /// <summary>A request has ended: its counters and histograms, and its engine spans (recorded after the fact, with their real times).</summary>
    public void RecordFinished(RequestTimeline request, string finishedReason)
    {
        var end = DateTime.UtcNow;
        var tags = new TagList(Tags) { { "finished_reason", finishedReason } };
        EngineInstruments.RequestSuccess.Add(1, tags);
        EngineInstruments.E2eRequestLatencySeconds.Record((end - request.Arrival).TotalSeconds, Tags);
        EngineInstruments.RequestPromptTokens.Record(request.PromptTokens, Tags);
        EngineInstruments.RequestGenerationTokens.Record(request.GeneratedTokens, Tags);
        if (request.Scheduled is { } scheduled)
            EngineInstruments.RequestQueueTimeSeconds.Record((scheduled - request.Queued).TotalSeconds, Tags);
        if (request.Scheduled is { } start && request.FirstToken is { } first && request.LastToken is { } last)
        {
            EngineInstruments.TimeToFirstTokenSeconds.Record((first - request.Arrival).TotalSeconds, Tags);
            EngineInstruments.RequestPrefillTimeSeconds.Record((first - start).TotalSeconds, Tags);
            EngineInstruments.RequestDecodeTimeSeconds.Record((last - first).TotalSeconds, Tags);
            EngineInstruments.RequestInferenceTimeSeconds.Record((last - start).TotalSeconds, Tags);
        }
        RecordSpans(request, finishedReason, end);
    }

    private void RecordSpans(RequestTimeline request, string finishedReason, DateTime end)
    {
        if (!EngineInstruments.Source.HasListeners()) return;
        using var span = EngineInstruments.Source.StartActivity("engine.generate", ActivityKind.Internal, request.Parent, Tags, startTime: request.Arrival);
        if (span is null) return;
        span.SetTag("gen_ai.request.model", Model);
        span.SetTag("gen_ai.usage.input_tokens", request.PromptTokens);
        span.SetTag("gen_ai.usage.output_tokens", request.GeneratedTokens);
        span.SetTag("gen_ai.response.finish_reasons", finishedReason);
        var scheduled = request.Scheduled ?? end;
        Child(span, "engine.queue", request.Queued, scheduled, []);
        if (request.Scheduled is { } start)
        {
            var first = request.FirstToken ?? end;
            Child(span, "engine.prefill", start, first, [new("gen_ai.usage.input_tokens", request.PromptTokens), new("granary.cached_tokens", request.CachedTokens)]);
            if (request.FirstToken is { } firstToken)
                Child(span, "engine.decode", firstToken, request.LastToken ?? end, [new("gen_ai.usage.output_tokens", request.GeneratedTokens)]);
        }
        span.SetEndTime(end);
    }

    private static void Child(Activity parent, string name, DateTime start, DateTime end, KeyValuePair<string, object?>[] tags)
    {
        using var child = EngineInstruments.Source.StartActivity(name, ActivityKind.Internal, parent.Context, tags, startTime: start);
        child?.SetEndTime(end);
    }

    public void Dispose() => LiveEngines.TryRemove(this, out _);
}

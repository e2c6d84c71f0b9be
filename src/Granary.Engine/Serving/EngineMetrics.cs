using Granary.Engine.Abstractions;
using Granary.Engine.Scheduling;

namespace Granary.Engine.Serving;

/// <summary>
/// Counters kept by the engine thread and published as an immutable <see cref="EngineStats"/>
/// snapshot that any thread may read. Throughput is measured over the last few seconds of steps.
/// </summary>
internal sealed class EngineMetrics(Telemetry.EngineTelemetry? telemetry = null)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    // The prefix summary sorts the cached blocks: refreshed a few times a heartbeat, not every step.
    private static readonly TimeSpan PrefixRefresh = TimeSpan.FromMilliseconds(250);
    private PrefixSummary? _prefix;
    private DateTime _prefixAt;
    private readonly Queue<(DateTime At, int Prompt, int Generated)> _recent = new();
    private long _promptTokens;
    private long _generatedTokens;
    private volatile EngineStats _snapshot = new();

    public EngineStats Snapshot => _snapshot;

    public void RecordStep(IReadOnlyList<ScheduledSequence> step, TimeSpan elapsed, Scheduler scheduler)
    {
        var prompt = step.Sum(s => s.PromptTokens);
        var generated = step.Count(s => s.Samples);
        _promptTokens += prompt;
        _generatedTokens += generated;
        telemetry?.RecordStep(prompt, generated);
        var now = DateTime.UtcNow;
        _recent.Enqueue((now, prompt, generated));
        while (_recent.Count > 0 && now - _recent.Peek().At > Window) _recent.Dequeue();
        Publish(scheduler);
    }

    public void Publish(Scheduler scheduler)
    {
        var now = DateTime.UtcNow;
        if (scheduler.Blocks.EnablePrefixCaching && (_prefix is null || now - _prefixAt >= PrefixRefresh))
        {
            _prefix = new PrefixSummary { BlockSize = scheduler.Blocks.BlockSize, Blocks = scheduler.Blocks.RecentBlocks(PrefixSummary.MaxBlocks) };
            _prefixAt = now;
        }
        var seconds = _recent.Count == 0 ? 1 : Math.Max((DateTime.UtcNow - _recent.Peek().At).TotalSeconds, 1e-3);
        _snapshot = new EngineStats
        {
            Running = scheduler.Running,
            Waiting = scheduler.Waiting,
            KvCacheUsage = scheduler.Blocks.Usage,
            PrefixCacheQueries = scheduler.Blocks.PrefixQueries,
            PrefixCacheHits = scheduler.Blocks.PrefixHits,
            GenerationTokensPerSecond = _recent.Sum(r => r.Generated) / seconds,
            PromptTokensPerSecond = _recent.Sum(r => r.Prompt) / seconds,
            TotalGeneratedTokens = _generatedTokens,
            TotalPromptTokens = _promptTokens,
            Preemptions = scheduler.Preemptions,
            HasGenerated = _generatedTokens > 0,
            Prefix = _prefix,
        };
    }
}

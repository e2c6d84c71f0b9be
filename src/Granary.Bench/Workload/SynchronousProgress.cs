namespace Granary.Bench.Workload;

/// <summary>Reports progress on the reporting thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
internal sealed class SynchronousProgress(Action<int> report) : IProgress<int>
{
    private readonly Lock _gate = new();

    public void Report(int value)
    {
        lock (_gate) report(value);
    }
}

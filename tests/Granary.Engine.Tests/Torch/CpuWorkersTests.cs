using Granary.Engine.Torch;

namespace Granary.Engine.Tests.Torch;

public sealed class CpuWorkersTests
{
    [Fact]
    public void Every_slice_runs_once_per_call_and_the_caller_runs_slice_zero()
    {
        using var workers = new CpuWorkers(2);
        var caller = Environment.CurrentManagedThreadId;
        for (var call = 0; call < 1000; call++)
        {
            var counts = new int[workers.Parallelism];
            var zeroThread = -1;
            workers.Run(i =>
            {
                Interlocked.Increment(ref counts[i]);
                if (i == 0) zeroThread = Environment.CurrentManagedThreadId;
            });
            Assert.All(counts, c => Assert.Equal(1, c));
            Assert.Equal(caller, zeroThread);
        }
    }

    [Fact]
    public void A_failing_slice_surfaces_on_the_caller()
    {
        using var workers = new CpuWorkers(1);
        var error = Assert.Throws<AggregateException>(() => workers.Run(i =>
        {
            if (i == 1) throw new InvalidOperationException("slice 1 failed");
        }));
        Assert.Contains("slice 1 failed", error.InnerException!.Message);
        workers.Run(_ => { }); // still usable

        var finished = 0;
        Assert.Throws<AggregateException>(() => workers.Run(i =>
        {
            if (i == 0) throw new InvalidOperationException("slice 0 failed");
            Thread.Sleep(50);
            Interlocked.Increment(ref finished);
        }));
        Assert.Equal(1, finished); // the caller waited for the worker before reporting
    }
}

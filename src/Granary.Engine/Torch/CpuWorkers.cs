using System.Diagnostics;

namespace Granary.Engine.Torch;

/// <summary>
/// A few dedicated threads that run one slice each of a split operation while the calling thread
/// runs the first. Workers spin briefly before sleeping, since a decode step hands them work every
/// few microseconds and a thread-pool hop would cost more than the slice.
/// </summary>
internal sealed class CpuWorkers : IDisposable
{
    private readonly Worker[] _workers;

    public CpuWorkers(int workers)
    {
        _workers = Enumerable.Range(0, workers).Select(i => new Worker(i)).ToArray();
    }

    public int Parallelism => _workers.Length + 1;

    /// <summary>Runs <paramref name="slice"/>(0..Parallelism-1), slice 0 on the calling thread; returns when all are done.</summary>
    public void Run(Action<int> slice)
    {
        using var done = new CountdownEvent(_workers.Length);
        Exception? failure = null;
        for (var i = 0; i < _workers.Length; i++)
        {
            var index = i + 1;
            _workers[i].Post(() =>
            {
                try
                {
                    slice(index);
                }
                catch (Exception error)
                {
                    Interlocked.CompareExchange(ref failure, error, null);
                }
                finally
                {
                    done.Signal();
                }
            });
        }
        try
        {
            slice(0);
        }
        catch (Exception error)
        {
            // Still wait for the workers: they write into state the caller owns.
            Interlocked.CompareExchange(ref failure, error, null);
        }
        var spinner = new SpinWait();
        while (!done.IsSet && !spinner.NextSpinWillYield) spinner.SpinOnce();
        done.Wait();
        if (failure is not null) throw new AggregateException(failure);
    }

    public void Dispose()
    {
        foreach (var worker in _workers) worker.Stop();
    }

    private sealed class Worker
    {
        private static readonly long SpinTicks = Stopwatch.Frequency / 5_000; // 200 µs

        private readonly SemaphoreSlim _ready = new(0);
        private Action? _work;
        private volatile bool _stopped;

        public Worker(int index)
        {
            new Thread(Loop) { IsBackground = true, Name = $"granary-cpu-{index}" }.Start();
        }

        public void Stop()
        {
            _stopped = true;
            _ready.Release();
        }

        public void Post(Action work)
        {
            Volatile.Write(ref _work, work);
            _ready.Release();
        }

        private void Loop()
        {
            // OpenMP's thread count is per thread: a worker's own products must stay single-threaded too.
            TorchSharp.torch.set_num_threads(1);
            TorchSharp.torch.set_grad_enabled(false);
            while (!_stopped)
            {
                // Spin first: during decoding the next slice comes within tens of microseconds, and
                // a sleeping thread takes about 30 µs to wake (measured), half a small product's time.
                var deadline = Stopwatch.GetTimestamp() + SpinTicks;
                while (_ready.CurrentCount == 0 && Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(16);
                _ready.Wait();
                Interlocked.Exchange(ref _work, null)?.Invoke();
            }
        }
    }
}

using System.Diagnostics;

namespace Granary.Engine.Torch;

/// <summary>
/// A few dedicated threads that run one slice each of a split operation while the calling thread
/// runs the first. Workers spin briefly before sleeping, since a decode step hands them work every
/// few microseconds and a thread-pool hop would cost more than the slice. A hand-off allocates
/// nothing: the slice, the count of unfinished workers and the completion event live here and are
/// reused by every call (one call at a time, as a decode step makes them).
/// </summary>
internal sealed class CpuWorkers : IDisposable
{
    private readonly Worker[] _workers;
    private readonly ManualResetEventSlim _done = new(false);
    private Action<int>? _slice;
    private Exception? _failure;
    private int _pending;

    public CpuWorkers(int workers)
    {
        _workers = Enumerable.Range(0, workers).Select(i => new Worker(this, i + 1)).ToArray();
    }

    public int Parallelism => _workers.Length + 1;

    /// <summary>Runs <paramref name="slice"/>(0..Parallelism-1), slice 0 on the calling thread; returns when all are done.</summary>
    public void Run(Action<int> slice)
    {
        _slice = slice;
        _failure = null;
        _done.Reset();
        Volatile.Write(ref _pending, _workers.Length);
        foreach (var worker in _workers) worker.Post();
        try
        {
            slice(0);
        }
        catch (Exception error)
        {
            // Still wait for the workers: they write into state the caller owns.
            Interlocked.CompareExchange(ref _failure, error, null);
        }
        var spinner = new SpinWait();
        while (Volatile.Read(ref _pending) != 0 && !spinner.NextSpinWillYield) spinner.SpinOnce();
        if (Volatile.Read(ref _pending) != 0) _done.Wait();
        _slice = null;
        if (_failure is { } failure) throw new AggregateException(failure);
    }

    public void Dispose()
    {
        foreach (var worker in _workers) worker.Stop();
        _done.Dispose();
    }

    private void RunSlice(int index)
    {
        try
        {
            _slice!(index);
        }
        catch (Exception error)
        {
            Interlocked.CompareExchange(ref _failure, error, null);
        }
        finally
        {
            if (Interlocked.Decrement(ref _pending) == 0) _done.Set();
        }
    }

    private sealed class Worker
    {
        private static readonly long SpinTicks = Stopwatch.Frequency / 5_000; // 200 µs

        private readonly SemaphoreSlim _ready = new(0);
        private readonly CpuWorkers _owner;
        private readonly int _index;
        private volatile bool _stopped;

        public Worker(CpuWorkers owner, int index)
        {
            _owner = owner;
            _index = index;
            new Thread(Loop) { IsBackground = true, Name = $"granary-cpu-{index - 1}" }.Start();
        }

        public void Stop()
        {
            _stopped = true;
            _ready.Release();
        }

        public void Post() => _ready.Release();

        private void Loop()
        {
            // OpenMP's thread count is per thread: a worker's own products must stay single-threaded too.
            TorchSharp.torch.set_num_threads(1);
            TorchSharp.torch.set_grad_enabled(false);
            while (true)
            {
                // Spin first: during decoding the next slice comes within tens of microseconds, and
                // a sleeping thread takes about 30 µs to wake (measured), half a small product's time.
                var deadline = Stopwatch.GetTimestamp() + SpinTicks;
                while (_ready.CurrentCount == 0 && Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(16);
                _ready.Wait();
                if (_stopped) return;
                _owner.RunSlice(_index);
            }
        }
    }
}

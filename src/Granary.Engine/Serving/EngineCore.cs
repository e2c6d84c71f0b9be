using System.Collections.Concurrent;
using System.Diagnostics;
using Granary.Engine.Abstractions;
using Granary.Engine.Generation;
using Granary.Engine.Output;
using Granary.Engine.Scheduling;
using Microsoft.Extensions.Logging;

namespace Granary.Engine.Serving;

/// <summary>
/// The engine thread. It alone touches tensors: each iteration drains commands, schedules one
/// step, runs one forward pass, samples, and publishes deltas. Requests come and go between
/// steps; an aborted request's blocks are freed before the next step.
/// </summary>
internal sealed class EngineCore : IDisposable
{
    private readonly ConcurrentQueue<EngineCommand> _commands = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Dictionary<string, RequestState> _requests = [];
    private readonly TaskCompletionSource<EngineParts> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<EngineParts> _build;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private EngineParts _parts = null!;

    /// <param name="build">Runs first on the engine thread: loads the model and makes the parts that own tensors.</param>
    public EngineCore(Func<EngineParts> build, EngineMetrics metrics, ILogger logger)
    {
        _build = build;
        Metrics = metrics;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "granary-engine" };
    }

    public EngineMetrics Metrics { get; }

    private Scheduler Scheduler => _parts.Scheduler;

    /// <summary>Starts the engine thread; completes once its parts are built (the model is loaded).</summary>
    public Task<EngineParts> StartAsync()
    {
        _thread.Start();
        return _started.Task;
    }

    public void Submit(EngineCommand command)
    {
        _commands.Enqueue(command);
        _signal.Release();
    }

    private void Run()
    {
        try
        {
            _parts = _build();
            _started.SetResult(_parts);
        }
        catch (Exception error)
        {
            _started.SetException(error);
            return;
        }
        while (!_stopping)
        {
            try
            {
                Drain();
                if (!Scheduler.HasWork)
                {
                    Metrics.Publish(Scheduler);
                    _signal.Wait(TimeSpan.FromMilliseconds(250));
                    continue;
                }
                Step();
            }
            catch (Exception error)
            {
                // Nothing may kill this thread or leave a stream hanging: every live request ends with the error.
                _logger.LogError(error, "Engine step failed; failing {Count} requests", _requests.Count);
                foreach (var request in _requests.Values.ToArray()) FailSafely(request, error);
            }
        }
    }

    private void FailSafely(RequestState request, Exception error)
    {
        try
        {
            End(request, error);
        }
        catch (Exception cleanup)
        {
            _logger.LogError(cleanup, "Could not release request {Request}", request.Id);
            request.Events.TryComplete(error);
            _requests.Remove(request.Id);
        }
    }

    private void Step()
    {
        var started = Stopwatch.GetTimestamp();
        var step = Scheduler.Schedule();
        if (step.Count == 0) return;

        _parts.Cache.CopyBlocks(Scheduler.Blocks.TakePendingCopies());
        var chunks = step.Select(s => new ScheduledChunk(
            s.Sequence.TokenIds.Skip(s.StartPosition).Take(s.TokenCount).ToArray(),
            s.StartPosition, s.Sequence.BlockTable,
            AllLogits: s.PromptTokens > 0 && s.Sequence.Request.WantsPromptLogprobs,
            NeedsLogits: s.Samples,
            Images: s.Sequence.Images)).ToArray();
        using var scope = TorchSharp.torch.NewDisposeScope(); // every tensor of this step
        var logits = _parts.Runner.Execute(chunks);
        Scheduler.Complete(step);
        if (logits is not null)
        {
            var forSampling = StepLogits.ForSampling(step, chunks, logits, _parts.PromptLogprobs);
            var sampled = step.Where(s => s.Samples).Select(s => s.Sequence).ToArray();
            if (sampled.Length > 0) _parts.Outputs.Process(sampled, forSampling);
        }
        ForgetFinished();
        Metrics.RecordStep(step, Stopwatch.GetElapsedTime(started), Scheduler);
    }

    private void Drain()
    {
        while (_commands.TryDequeue(out var command))
        {
            switch (command)
            {
                case EngineCommand.Add add:
                    // Created here: grammar matchers share per-vocabulary caches that only this thread touches.
                    _requests[add.Request.Id] = add.Request;
                    add.Request.Timeline.OnQueued();
                    Admit(add.Request);
                    break;
                case EngineCommand.Abort abort when _requests.TryGetValue(abort.RequestId, out var request):
                    End(request);
                    break;
            }
        }
    }

    private void Admit(RequestState request)
    {
        try
        {
            _parts.Admission.Admit(request);
            ForgetFinished(); // a resumed request may end on admission: a later abort must not find it
        }
        catch (EngineRequestException error)
        {
            End(request, error); // a resume point that does not fit the request is the client's error, not the engine's
        }
    }

    private void ForgetFinished()
    {
        foreach (var request in _parts.Events.TakeFinishedRequests()) _requests.Remove(request.Id);
    }

    /// <summary>Takes a request out: its unfinished sequences free their blocks, its event stream completes (with the error, if any).</summary>
    private void End(RequestState request, Exception? error = null)
    {
        foreach (var sequence in request.Sequences.Where(s => s.Status != SequenceStatus.Finished).ToArray())
            Scheduler.Finish(sequence);
        request.Timeline.Report(error is null ? "abort" : "error");
        request.Events.TryComplete(error);
        request.Dispose();
        _requests.Remove(request.Id);
    }

    public void Dispose()
    {
        _stopping = true;
        _signal.Release();
        if (_thread.IsAlive) _thread.Join(TimeSpan.FromSeconds(10));
        foreach (var request in _requests.Values) request.Events.TryComplete(new ObjectDisposedException("engine"));
        if (_started.Task.IsCompletedSuccessfully)
        {
            _parts.Cache.Dispose();
            _parts.Model.Dispose();
            _parts.Workers?.Dispose();
        }
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Granary.Engine.Abstractions;
using Granary.Serving;

namespace Granary.Serving.Generation;

/// <summary>
/// The generation event protocol, read once for both front ends: one client request's engine
/// requests, started and past their first event, which describes the prompt; then their choice
/// deltas. Starting awaits every prompt event first so that errors the engine raises up front
/// (unknown model, prompt too long) become a clean HTTP error or gRPC status before a stream's first
/// byte is sent. Disposing cancels whatever still runs.
/// </summary>
internal sealed class StartedGeneration : IAsyncDisposable
{
    // Bounded so that a slow reader slows the engine streams down instead of buffering them.
    private const int MergeBufferSize = 64;

    private readonly IAsyncEnumerator<GenerationEvent>[] _streams;
    private readonly CancellationTokenSource _cancellation;
    private readonly List<Task> _pumps = [];

    private StartedGeneration(IAsyncEnumerator<GenerationEvent>[] streams, PromptInfo[] prompts, CancellationTokenSource cancellation)
    {
        _streams = streams;
        Prompts = prompts;
        Tally = new TokenTally(prompts);
        _cancellation = cancellation;
    }

    public IReadOnlyList<PromptInfo> Prompts { get; }

    /// <summary>Token counts of the events read so far (for the request log).</summary>
    public TokenTally Tally { get; }

    public static async Task<StartedGeneration> StartAsync(
        IInferenceClient client, string model, IReadOnlyList<GenerationRequest> requests, string? sessionId, CancellationToken ct)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var streams = new List<IAsyncEnumerator<GenerationEvent>>();
        try
        {
            foreach (var request in requests)
            {
                streams.Add(client.GenerateAsync(model, request, sessionId, cancellation.Token).GetAsyncEnumerator(cancellation.Token));
            }

            var prompts = await Task.WhenAll(streams.Select(stream => ReadPromptAsync(stream, cancellation)));
            return new StartedGeneration(streams.ToArray(), prompts, cancellation);
        }
        catch
        {
            await cancellation.CancelAsync();
            foreach (var stream in streams)
            {
                await DisposeQuietlyAsync(stream);
            }

            cancellation.Dispose();
            throw;
        }
    }

    /// <summary>Every choice delta of every prompt, as they come; the first failure ends the enumeration.</summary>
    public async IAsyncEnumerable<IndexedEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (_streams.Length == 1)
        {
            while (await _streams[0].MoveNextAsync())
            {
                var single = new IndexedEvent(0, _streams[0].Current);
                Tally.Observe(single);
                yield return single;
            }

            yield break;
        }

        var merged = Channel.CreateBounded<IndexedEvent>(MergeBufferSize);
        _pumps.AddRange(_streams.Select((stream, i) => PumpAsync(stream, i, merged.Writer)));
        _ = Task.WhenAll(_pumps).ContinueWith(_ => merged.Writer.TryComplete(), TaskScheduler.Default);
        await foreach (var item in merged.Reader.ReadAllAsync(ct))
        {
            Tally.Observe(item);
            yield return item;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        await Task.WhenAll(_pumps.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default)));
        foreach (var stream in _streams)
        {
            await DisposeQuietlyAsync(stream);
        }

        _cancellation.Dispose();
    }

    private async Task PumpAsync(IAsyncEnumerator<GenerationEvent> stream, int promptIndex, ChannelWriter<IndexedEvent> writer)
    {
        try
        {
            while (await stream.MoveNextAsync())
            {
                await writer.WriteAsync(new IndexedEvent(promptIndex, stream.Current), _cancellation.Token);
            }
        }
        catch (Exception ex)
        {
            // The first failure wins; cancelling stops the sibling prompts, whose own errors are then moot.
            writer.TryComplete(ex);
            await _cancellation.CancelAsync();
        }
    }

    private static async Task<PromptInfo> ReadPromptAsync(IAsyncEnumerator<GenerationEvent> stream, CancellationTokenSource cancellation)
    {
        try
        {
            if (!await stream.MoveNextAsync())
            {
                throw new InvalidOperationException("The engine ended a generation stream before reporting its prompt.");
            }

            return stream.Current.Prompt
                ?? throw new InvalidOperationException("The engine's first generation event did not describe the prompt.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One prompt refused means the whole request fails: stop waiting on the others.
            await cancellation.CancelAsync();
            throw;
        }
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<GenerationEvent> stream)
    {
        try
        {
            await stream.DisposeAsync();
        }
        catch (Exception)
        {
            // Disposal after cancellation may rethrow the cancellation; the request is over either way.
        }
    }
}

using Granary.Api.Errors;
using Granary.Api.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Granary.Api.Streaming;

/// <summary>
/// Server-sent events as OpenAI streams them: <c>data: {json}\n\n</c> per event, flushed at once so
/// tokens reach the client as they are made, ending with <c>data: [DONE]\n\n</c>.
/// </summary>
internal sealed class SseWriter(HttpResponse response)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public async Task StartAsync(CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Tells nginx-style proxies not to hold the stream back.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(ct);
    }

    public async Task WriteAsync<T>(T value, CancellationToken ct)
    {
        var json = ApiJson.Serialize(value);
        var frame = new byte[DataPrefix.Length + json.Length + EventEnd.Length];
        DataPrefix.CopyTo(frame, 0);
        json.CopyTo(frame, DataPrefix.Length);
        EventEnd.CopyTo(frame, DataPrefix.Length + json.Length);
        await response.Body.WriteAsync(frame, ct);
        await response.Body.FlushAsync(ct);
    }

    /// <summary>
    /// Writes a stream's events after the 200 went out, then its last chunk (the usage chunk, when
    /// asked for) and [DONE]. A failure midway ends it with an error event and [DONE]; a client that
    /// left ends it quietly (cancelling the token already stopped the generation).
    /// </summary>
    public async Task RunAsync<TChunk>(Func<CancellationToken, Task> events, Func<TChunk>? lastChunk, ILogger logger, string requestId, CancellationToken ct)
    {
        try
        {
            await events(ct);
            if (lastChunk is not null)
            {
                await WriteAsync(lastChunk(), ct);
            }

            await WriteDoneAsync(ct);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            StreamFailureLog.Failed(logger, ex, requestId);
            await WriteErrorAndDoneAsync(ExceptionMapper.Map(ex).Body);
        }
    }

    public async Task WriteDoneAsync(CancellationToken ct)
    {
        await response.Body.WriteAsync(Done, ct);
        await response.Body.FlushAsync(ct);
    }

    /// <summary>Ends a stream that failed midway: one error event, then [DONE], so that no client waits forever.</summary>
    public async Task WriteErrorAndDoneAsync(ErrorBody error)
    {
        try
        {
            await WriteAsync(new ErrorEnvelope(error), CancellationToken.None);
            await WriteDoneAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client is gone too; nothing is left to tell it.
        }
    }
}

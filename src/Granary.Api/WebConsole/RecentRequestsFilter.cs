using Granary.Api.Generation;
using Microsoft.AspNetCore.Http;

namespace Granary.Api.WebConsole;

/// <summary>
/// Logs each generation request into <see cref="RecentRequests"/> once its response is complete, a
/// stream's last event included, with the status the client actually got.
/// </summary>
internal sealed class RecentRequestsFilter(RecentRequests log, TimeProvider time) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tally = new RequestTally();
        http.Features.Set(tally);
        var started = time.GetTimestamp();
        var at = time.GetUtcNow();
        http.Response.OnCompleted(() =>
        {
            log.Add(new RecentRequest
            {
                Time = at,
                Endpoint = http.Request.Path.Value ?? "",
                Model = tally.Model,
                Stream = tally.Stream,
                Status = http.Response.StatusCode,
                Aborted = http.RequestAborted.IsCancellationRequested,
                // The distinct reasons of the finished choices ("length,stop"), or null while none finished.
                FinishReason = tally.Tokens?.FinishReasons is { Count: > 0 } reasons
                    ? string.Join(',', reasons.Select(r => FinishReasons.ToWire(r)!).Order(StringComparer.Ordinal))
                    : null,
                PromptTokens = tally.Tokens?.PromptTokens ?? 0,
                CompletionTokens = tally.Tokens?.CompletionTokens ?? 0,
                DurationMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1),
            });
            return Task.CompletedTask;
        });
        return next(context);
    }
}

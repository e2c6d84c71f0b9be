using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Granary.Server.Telemetry;

/// <summary>
/// One log line per request (method, route, status, model, tokens, duration, key id), and per key
/// the requests refused with 401, 403 or 429. Probes and scrapes log at Debug: they come every few seconds.
/// </summary>
internal sealed class AccessLogMiddleware
{
    public const string MeterName = "Granary.Gateway";

    private readonly RequestDelegate _next;
    private readonly ILogger _logger;
    private readonly Counter<long> _refused;

    public AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggers, IMeterFactory meters)
    {
        _next = next;
        _logger = loggers.CreateLogger("Granary.Access");
        _refused = meters.Create(MeterName).CreateCounter<long>("granary.api.refused_requests", "{request}",
            "Requests refused for their API key: 401 unknown key, 403 model not allowed, 429 rate limited.");
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var record = RequestRecord.Current = new RequestRecord();
        try
        {
            await _next(http);
        }
        finally
        {
            RequestRecord.Current = null;
            Log(http, record, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Log(HttpContext http, RequestRecord record, TimeSpan elapsed)
    {
        var status = http.Response.StatusCode;
        var keyId = KeyIds.Of(http.Request.Headers.Authorization.ToString());
        if (status is 401 or 403 or 429) _refused.Add(1, new KeyValuePair<string, object?>("key_id", keyId), new("code", status));
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var level = route.StartsWith("/metrics", StringComparison.Ordinal) || route.Contains("/health", StringComparison.Ordinal) ? LogLevel.Debug : LogLevel.Information;
        if (http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted) status = 499; // the client left first, as nginx reports it
        _logger.Log(level, "{Method} {Route} {Status} model={Model} prompt_tokens={PromptTokens} completion_tokens={CompletionTokens} duration_ms={DurationMs:0.0} key={KeyId}",
            http.Request.Method, route, status, record.Model ?? "-", record.PromptTokens, record.CompletionTokens, elapsed.TotalMilliseconds, keyId);
    }
}

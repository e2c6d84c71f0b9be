using System.Net.Http.Headers;
using System.Text.Json;
using Granary.Bench.Metrics;
using Granary.Bench.Workload;

namespace Granary.Bench.Clients;

/// <summary>
/// Sends benchmark requests to an OpenAI-compatible server and times the stream as it arrives
/// (headers first, then every SSE event on receipt). Output tokens come from the final usage chunk.
/// </summary>
internal sealed class HttpBenchClient(HttpClient http, string model, BenchEndpoint endpoint, TimeSpan requestTimeout) : IBenchClient
{
    private const int MaxErrorLength = 300;
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private string Path => endpoint == BenchEndpoint.Chat ? "v1/chat/completions" : "v1/completions";

    public async Task<RequestOutcome> SendAsync(BenchRequest request, double runStart, CancellationToken cancellationToken)
    {
        var body = RequestBodies.Build(request, model, endpoint);
        using var message = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = Json;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        var sentPromptTokens = endpoint == BenchEndpoint.Completions ? request.PromptTokenIds.Length : 0;

        var timeline = new RequestTimeline(runStart, MonotonicClock.Now);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                return timeline.Failed($"HTTP {(int)response.StatusCode}: {Shorten(ErrorMessage(text))}");
            }

            using var events = new SseReader(await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false));
            int? promptTokens = null, outputTokens = null, cachedTokens = null;
            while (await events.ReadEventAsync(timeout.Token).ConfigureAwait(false) is { } data)
            {
                var at = MonotonicClock.Now;
                if (data == "[DONE]") break;
                var chunk = StreamChunk.Parse(data, endpoint);
                if (chunk.Error is { } error) return timeline.Failed($"stream error: {Shorten(error)}");
                if (chunk.Aborted) return timeline.Failed("the server aborted the request (finish_reason \"abort\")");
                if (chunk.HasText) timeline.Token(at);
                else if (chunk.Finished) timeline.Other(at);
                promptTokens = chunk.PromptTokens ?? promptTokens;
                outputTokens = chunk.CompletionTokens ?? outputTokens;
                cachedTokens = chunk.CachedPromptTokens ?? cachedTokens;
            }

            var prompt = promptTokens ?? sentPromptTokens;
            if (outputTokens is not { } output) return timeline.Failed("the stream ended without a usage chunk", prompt);
            if (output < 1) return timeline.Failed("the server reported no completion tokens", prompt);
            return timeline.Succeeded(prompt, output, cachedTokens ?? 0);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return timeline.Failed($"no complete answer within {requestTimeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
        {
            return timeline.Failed($"{ex.GetType().Name}: {Shorten(ex.Message)}");
        }
    }

    /// <summary>The message of an OpenAI error envelope, or the body itself.</summary>
    private static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var text))
                return text.ToString();
        }
        catch (JsonException)
        {
            // not JSON: report it as it is
        }
        return body;
    }

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";
}

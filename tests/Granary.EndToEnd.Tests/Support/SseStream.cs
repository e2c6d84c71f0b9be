using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Granary.EndToEnd.Tests.Support;

/// <summary>
/// One streamed /v1/completions request read event by event, as a client sees it: per choice its text
/// and token logprobs, the response ids, the finish reasons, usage, and any error event.
/// </summary>
internal sealed class SseStream
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromMinutes(3) };

    private readonly Lock _lock = new();
    private readonly Dictionary<int, StringBuilder> _text = [];
    private readonly Dictionary<int, List<double>> _logprobs = [];
    private int _events;
    private DateTime _lastEvent;

    private SseStream(Task completion) => Completion = completion;

    public Task Completion { get; private set; }

    public HashSet<string> Ids { get; } = [];

    public Dictionary<int, string> FinishReasons { get; } = [];

    public JsonObject? Usage { get; private set; }

    public JsonObject? Error { get; private set; }

    public bool SawDone { get; private set; }

    /// <summary>The longest silence between two events: what a failover cost the client.</summary>
    public TimeSpan LongestGap { get; private set; }

    public int Events
    {
        get
        {
            lock (_lock) return _events;
        }
    }

    public string Text(int choice = 0)
    {
        lock (_lock) return _text.TryGetValue(choice, out var text) ? text.ToString() : "";
    }

    public IReadOnlyList<double> Logprobs(int choice = 0)
    {
        lock (_lock) return _logprobs.TryGetValue(choice, out var list) ? [.. list] : [];
    }

    /// <summary>Starts the request; <see cref="Completion"/> ends with the stream (or its HTTP failure).</summary>
    public static SseStream Start(GranaryServer server, JsonObject body)
    {
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };
        var stream = new SseStream(Task.CompletedTask);
        stream.Completion = stream.ReadAsync(server, body);
        return stream;
    }

    /// <summary>Waits until at least <paramref name="count"/> events arrived.</summary>
    public async Task WaitForEventsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Events < count)
        {
            if (Completion.IsCompleted) await Completion;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"only {Events} of {count} events within {timeout}");
            await Task.Delay(20);
        }
    }

    private async Task ReadAsync(GranaryServer server, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.Url}/v1/completions") { Content = JsonContent.Create(body) };
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            if (line == "data: [DONE]")
            {
                SawDone = true;
                continue;
            }
            Record(JsonNode.Parse(line[6..])!.AsObject());
        }
    }

    private void Record(JsonObject chunk)
    {
        lock (_lock)
        {
            var now = DateTime.UtcNow;
            if (_events > 0 && now - _lastEvent > LongestGap) LongestGap = now - _lastEvent;
            _lastEvent = now;
            _events++;
            if (chunk["error"] is JsonObject error)
            {
                Error = error;
                return;
            }
            Ids.Add(chunk["id"]!.GetValue<string>());
            if (chunk["usage"] is JsonObject usage) Usage = usage;
            foreach (var choice in chunk["choices"]!.AsArray().Select(c => c!.AsObject()))
            {
                var index = choice["index"]!.GetValue<int>();
                (_text.TryGetValue(index, out var text) ? text : _text[index] = new StringBuilder()).Append(choice["text"]!.GetValue<string>());
                if (choice["logprobs"]?["token_logprobs"] is JsonArray logprobs)
                    (_logprobs.TryGetValue(index, out var list) ? list : _logprobs[index] = []).AddRange(logprobs.Select(l => l!.GetValue<double>()));
                if (choice["finish_reason"]?.GetValue<string>() is { } reason) FinishReasons[index] = reason;
            }
        }
    }
}

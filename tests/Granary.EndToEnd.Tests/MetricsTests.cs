using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>/metrics, and what it shows when a streaming client goes away mid-generation.</summary>
public sealed class MetricsTests
{
    // Without draining, disposing an unread response closes the connection, as a client that goes away does.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { Timeout = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_stops_its_generation()
    {
        await using var server = await GranaryServer.StartAsync();
        await Http.ChatAsync(server, "warm up");
        var before = await Metric(server, "vllm:generation_tokens_total");
        Assert.True(before > 0, "the warm-up request should show in vllm:generation_tokens_total");

        var body = new JsonObject
        {
            ["model"] = "tiny-llama3", ["prompt"] = "Go on forever:", ["max_tokens"] = 480, ["ignore_eos"] = true,
            ["temperature"] = 0, ["stream"] = true,
        };
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"{server.Url}/v1/completions") { Content = JsonContent.Create(body) })
        using (var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var first = await reader.ReadLineAsync();
            Assert.StartsWith("data: ", first);
        } // disconnect after the first event

        await Task.Delay(TimeSpan.FromSeconds(3));
        var generated = await Metric(server, "vllm:generation_tokens_total") - before;
        Assert.True(generated < 240, $"{generated} tokens were generated after the client left; a finished request would show 480");
        Assert.Equal(0, await Metric(server, "vllm:num_requests_running"));
        Assert.Equal(0, await Metric(server, "vllm:kv_cache_usage_perc"));
    }

    private static async Task<double> Metric(GranaryServer server, string name)
    {
        var text = await Client.GetStringAsync($"{server.Url}/metrics");
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains("model_name=\"tiny-llama3\"", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"{name} is missing from /metrics:\n{text}");
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Granary.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace Granary.EndToEnd.Tests;

/// <summary>
/// Prefix-aware routing over real processes: a gateway tokenizes chats, hashes their blocks, and
/// routes them by the workers' heartbeat summaries of their prefix caches against their load.
/// </summary>
[Collection(ClusterProcesses.Name)]
public sealed class RoutingProcessTests(ITestOutputHelper output)
{
    private const int Tokens = 8;
    // The burst's last requests wait behind all the others on a one-stream worker.
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromMinutes(3) };

    // Some 400-600 tokens (a 600-token vocabulary) shared by every chat: dozens of blocks of 16 the prefix cache can reuse.
    private static readonly string System = string.Join(" ", Enumerable.Range(0, 35).Select(i => $"Rule {i}: answer briefly."));

    [Fact]
    public async Task Chats_sharing_a_long_prefix_are_served_from_the_cache_and_spread_over_both_workers()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ProcessCluster.StartAsync(ProcessCluster.Redis(redis), workers: 2);

        // Two at once: the first counts as load on its worker, so the second goes to the other; both then cache the prefix.
        await Task.WhenAll(ChatAsync(cluster, "warm-up one", null), ChatAsync(cluster, "warm-up two", null));
        await Task.Delay(TimeSpan.FromSeconds(2)); // heartbeats carry the summaries
        var before = await GeneratedByReplicaAsync(cluster);

        // Sessionless chats with the same opening (the old derived key pinned these to one worker), and ones with their own sessions.
        var cached = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            ChatAsync(cluster, "What is the capital of France?", i % 2 == 0 ? null : $"conversation-{i}")));

        await Task.Delay(TimeSpan.FromSeconds(2)); // the gateway's /metrics shows the last heartbeats
        var after = await GeneratedByReplicaAsync(cluster);
        var served = after.ToDictionary(p => p.Key, p => (int)Math.Round((p.Value - before.GetValueOrDefault(p.Key)) / (double)Tokens));
        output.WriteLine($"cached tokens: [{string.Join(", ", cached)}]; requests per replica: [{string.Join(", ", served.Values)}]");
        Assert.Equal(2, served.Count);
        Assert.Equal(8, served.Values.Sum());
        Assert.All(served.Values, n => Assert.InRange(n, 2, 6));
        Assert.True(cached.Count(c => c > 0) >= 6, $"only {cached.Count(c => c > 0)} of 8 were served from the prefix cache:\n{cluster.Gateway.Output}");
        Assert.Contains("tokenizer fetched", cluster.Gateway.Output);
    }

    [Fact]
    public async Task A_queue_burst_on_one_worker_drains_onto_a_worker_added_during_the_burst()
    {
        await using var redis = await RedisServer.StartAsync();
        // One stream at a time, so the burst queues for longer than a worker takes to start.
        await using var cluster = await ProcessCluster.StartAsync(ProcessCluster.Redis(redis), workers: 1, "--max-num-seqs", "1");
        var first = (await GeneratedByReplicaAsync(cluster)).Keys.Single();

        var burst = Enumerable.Range(0, 16).Select(i => CompleteAsync(cluster, $"request {i} of the burst", 48)).ToArray();
        await cluster.AddWorkerAsync();
        await Task.WhenAll(burst);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the gateway's /metrics shows the last heartbeats

        var served = await GeneratedByReplicaAsync(cluster);
        var added = served.Where(p => p.Key != first).Select(p => p.Value / 48).SingleOrDefault();
        output.WriteLine($"requests per replica: first {served[first] / 48}, added {added}");
        Assert.True(added >= 2, $"the added worker served {added} of the 16 queued requests:\n{cluster.Gateway.Output}");
        Assert.Contains("which has room", cluster.Gateway.Output);
    }

    private static async Task CompleteAsync(ProcessCluster cluster, string prompt, int tokens)
    {
        var body = new JsonObject { ["model"] = SlowModel.Name, ["prompt"] = prompt, ["max_tokens"] = tokens, ["ignore_eos"] = true, ["temperature"] = 0 };
        using var response = await Client.PostAsJsonAsync($"{cluster.Gateway.Url}/v1/completions", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a chat with the shared system prompt; returns usage.prompt_tokens_details.cached_tokens.</summary>
    private static async Task<int> ChatAsync(ProcessCluster cluster, string question, string? session)
    {
        var body = new JsonObject
        {
            ["model"] = SlowModel.Name, ["max_tokens"] = Tokens, ["ignore_eos"] = true, ["temperature"] = 0,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = System },
                new JsonObject { ["role"] = "user", ["content"] = question }),
        };
        if (session is not null) body["session_id"] = session;
        using var response = await Client.PostAsJsonAsync($"{cluster.Gateway.Url}/v1/chat/completions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var usage = JsonNode.Parse(text)!["usage"]!;
        Assert.True(usage["prompt_tokens"]!.GetValue<int>() > 200, $"the shared prompt is shorter than meant: {usage}");
        return usage["prompt_tokens_details"]?["cached_tokens"]?.GetValue<int>() ?? 0;
    }

    /// <summary>Tokens generated so far per replica, from the gateway's /metrics.</summary>
    /// <summary>Tokens each replica generated, by each live worker's own /metrics (one series per engine).</summary>
    private static async Task<Dictionary<string, int>> GeneratedByReplicaAsync(ProcessCluster cluster)
    {
        GranaryServer[] live;
        lock (cluster.Workers) live = cluster.Workers.Where(w => !w.HasExited).ToArray();
        var series = new Dictionary<string, int>();
        foreach (var worker in live)
        {
            var text = await Client.GetStringAsync($"{worker.Url}/metrics");
            foreach (var line in text.Split('\n').Where(l => l.StartsWith("vllm:generation_tokens_total{", StringComparison.Ordinal)))
                series[$"{worker.SiloPort}:{line[..line.LastIndexOf(' ')]}"] = (int)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return series;
    }
}

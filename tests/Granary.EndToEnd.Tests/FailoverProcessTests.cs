using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Granary.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace Granary.EndToEnd.Tests;

/// <summary>
/// A gateway and two workers as separate processes over a real membership store, failing the way
/// production does: kill -9 and SIGTERM mid-stream, workers dying and joining under load.
/// </summary>
[Collection(ClusterProcesses.Name)]
public sealed class FailoverProcessTests(ITestOutputHelper output)
{
    private const int Tokens = 300;
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task Kill_9_of_the_serving_worker_mid_stream_resumes_on_the_other_with_the_same_tokens()
    {
        await using var redis = await RedisServer.StartAsync();
        await KillMidStreamAsync(ProcessCluster.Redis(redis));
    }

    [Fact]
    public async Task Kill_9_mid_stream_over_postgres_membership_resumes_too()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync("failover");
        await KillMidStreamAsync(["--clustering", "adonet", "--clustering-connection", connection, "--clustering-init",
            "--advertise-address", "127.0.0.1", "--cluster-id", $"e2e-{Guid.NewGuid():N}"]);
    }

    [Fact]
    public async Task SIGTERM_on_a_worker_with_streams_in_flight_lets_them_all_complete()
    {
        await using var redis = await RedisServer.StartAsync();
        // A short drain, so the 300-token streams outlive it and are handed over to the other worker.
        await using var cluster = await ProcessCluster.StartAsync(ProcessCluster.Redis(redis), workers: 2, "--drain-timeout", "2");
        var (greedy, seeded) = await ReferencesAsync(cluster.Gateway);

        var (a, b) = await StartOnOneWorkerAsync(cluster.Gateway);
        var victim = await cluster.ServingWorkerAsync();
        var clock = Stopwatch.StartNew();
        victim.Terminate();

        // It leaves routing at once: a new request goes to the other worker and does not wait for the drain.
        var during = await Client.PostAsJsonAsync($"{cluster.Gateway.Url}/v1/completions", Completion(8, temperature: 0));
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        await Task.WhenAll(a.Completion, b.Completion);
        var exit = await victim.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exit);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the worker took {clock.Elapsed} to stop after SIGTERM (drain 2 s)");

        AssertSame(greedy, a, cluster);
        AssertSame(seeded, b, cluster);
        output.WriteLine($"SIGTERM: worker exited after {clock.Elapsed.TotalSeconds:F1}s; longest pause between events {a.LongestGap.TotalSeconds:F2}s / {b.LongestGap.TotalSeconds:F2}s");
        Assert.Contains("handed over", victim.Output);
        Assert.Contains("resuming after", cluster.Gateway.Output);
    }

    [Fact]
    public async Task SIGTERM_on_the_gateway_lets_its_open_stream_finish_and_refuses_new_requests()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ProcessCluster.StartAsync(ProcessCluster.Redis(redis), workers: 1);
        var (greedy, _) = await ReferencesAsync(cluster.Gateway);

        var a = SseStream.Start(cluster.Gateway, Greedy());
        await a.WaitForEventsAsync(40, TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        cluster.Gateway.Terminate();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var refused = await RefusesNewWorkAsync(cluster.Gateway);
        await a.Completion;
        var exit = await cluster.Gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));

        AssertSame(greedy, a, cluster);
        Assert.True(refused, "a stopping gateway still reported ready");
        Assert.Equal(0, exit);
        output.WriteLine($"gateway SIGTERM: open stream finished, process exited {clock.Elapsed.TotalSeconds:F1}s after the signal");
    }

    [Fact]
    public async Task With_the_membership_store_gone_SIGTERM_still_exits_within_its_bound()
    {
        var redis = await RedisServer.StartAsync();
        await using var cluster = await ProcessCluster.StartAsync(ProcessCluster.Redis(redis), workers: 1, "--drain-timeout", "1");
        await redis.DisposeAsync();
        var worker = cluster.Workers[0];

        var clock = Stopwatch.StartNew();
        worker.Terminate();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)); // Orleans alone waits minutes for the store

        // The bound: drain (1 s) + the silo's 15 s to leave + 5 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"exit took {clock.Elapsed}:\n{worker.Output}");
        output.WriteLine($"membership store gone: SIGTERM to exit {clock.Elapsed.TotalSeconds:F1}s");
    }

    [Fact]
    public async Task A_burst_across_a_kill_and_a_rejoin_gets_no_error_and_no_long_wait()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ProcessCluster.StartAsync(ProcessCluster.Redis(redis), workers: 2);
        var results = new List<(TimeSpan Start, TimeSpan Latency, HttpStatusCode Status)>();
        var clock = Stopwatch.StartNew();
        var stop = new CancellationTokenSource();

        async Task Loop(int client)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var start = clock.Elapsed;
                var body = Completion(8, temperature: 0);
                body["prompt"] = $"client {client} request {i}";
                using var response = await Client.PostAsJsonAsync($"{cluster.Gateway.Url}/v1/completions", body);
                lock (results) results.Add((start, clock.Elapsed - start, response.StatusCode));
            }
        }

        var loops = Enumerable.Range(0, 3).Select(Loop).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(3));
        cluster.Workers[0].Kill();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await cluster.AddWorkerAsync();
        var joined = clock.Elapsed;
        await cluster.WaitForReplicasAsync(2, TimeSpan.FromSeconds(10)); // the rejoined worker is routed to within seconds
        var routed = clock.Elapsed - joined;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var slowest = results.MaxBy(r => r.Latency);
        var summary = $"{results.Count} requests; slowest started at {slowest.Start.TotalSeconds:F1}s and took {slowest.Latency.TotalSeconds:F2}s; "
            + $"statuses {string.Join(", ", results.GroupBy(r => r.Status).Select(g => $"{(int)g.Key}x{g.Count()}"))}; rejoined worker routed {routed.TotalSeconds:F1}s after ready";
        output.WriteLine(summary);
        Assert.True(results.All(r => r.Status == HttpStatusCode.OK), summary + "\n" + cluster.Gateway.Output);
        Assert.True(slowest.Latency < TimeSpan.FromSeconds(6), summary + "\n" + cluster.Gateway.Output);
        Assert.True(results.Count(r => r.Start > joined + routed) > 0, summary);
    }

    [Fact]
    public async Task With_the_last_worker_gone_its_stream_ends_retryably_new_requests_get_a_quick_503_and_the_model_stays_listed()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ProcessCluster.StartAsync(ProcessCluster.Redis(redis), workers: 1);
        var stream = SseStream.Start(cluster.Gateway, Greedy());
        await stream.WaitForEventsAsync(20, TimeSpan.FromSeconds(60));
        cluster.Workers[0].Kill();
        await cluster.WaitForReplicasAsync(0, TimeSpan.FromSeconds(15));

        // The stream waits a bounded time for a replica to resume on, then ends with a retryable error, not a 500.
        await stream.Completion.WaitAsync(TimeSpan.FromSeconds(40));
        Assert.Equal("replica_lost", stream.Error?["code"]?.GetValue<string>());
        Assert.Equal("service_unavailable_error", stream.Error!["type"]!.GetValue<string>());

        var clock = Stopwatch.StartNew();
        using var response = await Client.PostAsJsonAsync($"{cluster.Gateway.Url}/v1/completions", Completion(8, temperature: 0));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the 503 took {clock.Elapsed}");
        output.WriteLine($"last worker gone: 503 after {clock.Elapsed.TotalMilliseconds:F0} ms, Retry-After {response.Headers.RetryAfter}");
        Assert.Equal("no_replica", error["code"]!.GetValue<string>());
        Assert.Equal("service_unavailable_error", error["type"]!.GetValue<string>());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");

        var models = JsonNode.Parse(await Client.GetStringAsync($"{cluster.Gateway.Url}/v1/models"))!["data"]!.AsArray();
        var model = Assert.Single(models)!;
        Assert.Equal(SlowModel.Name, model["id"]!.GetValue<string>());
        Assert.Equal(0, model["replicas"]!.GetValue<int>());
        Assert.Equal("unavailable", model["state"]!.GetValue<string>());

        await cluster.AddWorkerAsync();
        await cluster.WaitForReplicasAsync(1, TimeSpan.FromSeconds(10));
        using var again = await Client.PostAsJsonAsync($"{cluster.Gateway.Url}/v1/completions", Completion(8, temperature: 0));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    /// <summary>A stopping server is not ready: it answers 503, or (once Kestrel stopped listening) not at all.</summary>
    private static async Task<bool> RefusesNewWorkAsync(GranaryServer server)
    {
        try
        {
            return (await Client.GetAsync($"{server.Url}/v1/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    private async Task KillMidStreamAsync(string[] store)
    {
        await using var cluster = await ProcessCluster.StartAsync(store, workers: 2);
        var (greedy, seeded) = await ReferencesAsync(cluster.Gateway);

        var (a, b) = await StartOnOneWorkerAsync(cluster.Gateway);
        (await cluster.ServingWorkerAsync()).Kill();
        await Task.WhenAll(a.Completion, b.Completion);

        AssertSame(greedy, a, cluster);
        AssertSame(seeded, b, cluster);
        output.WriteLine($"kill -9: longest pause between events {a.LongestGap.TotalSeconds:F2}s / {b.LongestGap.TotalSeconds:F2}s (undisturbed {greedy.LongestGap.TotalSeconds:F2}s)");
        Assert.Contains("resuming after", cluster.Gateway.Output);
        Assert.True(cluster.Gateway.Output.Length < 20_000, $"one worker death wrote {cluster.Gateway.Output.Length} chars of gateway log:\n{cluster.Gateway.Output}");
    }

    /// <summary>Undisturbed runs of the two requests the failure tests interrupt.</summary>
    private static async Task<(SseStream Greedy, SseStream Seeded)> ReferencesAsync(GranaryServer gateway)
    {
        var greedy = SseStream.Start(gateway, Greedy());
        var seeded = SseStream.Start(gateway, Seeded());
        await Task.WhenAll(greedy.Completion, seeded.Completion);
        return (greedy, seeded);
    }

    /// <summary>Both requests in one session, so one worker serves both; returns once both are well under way.</summary>
    private static async Task<(SseStream Greedy, SseStream Seeded)> StartOnOneWorkerAsync(GranaryServer gateway)
    {
        var a = SseStream.Start(gateway, Greedy());
        var b = SseStream.Start(gateway, Seeded());
        await a.WaitForEventsAsync(40, TimeSpan.FromSeconds(60));
        await b.WaitForEventsAsync(40, TimeSpan.FromSeconds(60));
        return (a, b);
    }

    private static JsonObject Greedy()
    {
        var body = Completion(Tokens, temperature: 0);
        body["logprobs"] = 1;
        return body;
    }

    private static JsonObject Seeded()
    {
        var body = Completion(Tokens, temperature: 1.0);
        body["seed"] = 1234;
        body["top_p"] = 0.9;
        body["n"] = 2;
        return body;
    }

    private static JsonObject Completion(int tokens, double temperature) => new()
    {
        ["model"] = SlowModel.Name, ["prompt"] = "Once upon a time", ["max_tokens"] = tokens, ["ignore_eos"] = true,
        ["temperature"] = temperature, ["session_id"] = "failover",
    };

    private static void AssertSame(SseStream expected, SseStream actual, ProcessCluster cluster)
    {
        var log = $"\n--- gateway log ---\n{cluster.Gateway.Output}";
        Assert.True(actual.Error is null, $"the stream ended with an error event: {actual.Error}{log}");
        Assert.True(actual.SawDone, "no [DONE]" + log);
        Assert.Single(actual.Ids);
        Assert.Equal(expected.FinishReasons.Count, actual.FinishReasons.Count);
        foreach (var choice in expected.FinishReasons.Keys)
        {
            Assert.Equal(expected.Text(choice), actual.Text(choice));
            Assert.Equal("length", actual.FinishReasons[choice]);
            var (want, got) = (expected.Logprobs(choice), actual.Logprobs(choice));
            Assert.Equal(want.Count, got.Count);
            for (var i = 0; i < want.Count; i++) Assert.True(Math.Abs(want[i] - got[i]) < 1e-4, $"token {i}: logprob {got[i]} vs {want[i]}");
        }
        Assert.Equal(expected.Usage!["completion_tokens"]!.GetValue<int>(), actual.Usage!["completion_tokens"]!.GetValue<int>());
        Assert.Equal(Tokens * expected.FinishReasons.Count, actual.Usage!["completion_tokens"]!.GetValue<int>());
    }
}

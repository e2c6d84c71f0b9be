using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>
/// A real Prometheus scraping a gateway and two workers: each process exports only what it owns,
/// so sums across targets count each request once, and every /metrics passes promtool.
/// </summary>
public sealed class PrometheusScrapeTests
{
    private const int Requests = 6;

    // Every per-request histogram observes once per request.
    private static readonly string[] RequestHistograms =
    [
        "vllm:e2e_request_latency_seconds", "vllm:time_to_first_token_seconds", "vllm:request_queue_time_seconds",
        "vllm:request_prefill_time_seconds", "vllm:request_decode_time_seconds", "vllm:request_inference_time_seconds",
        "vllm:request_prompt_tokens", "vllm:request_generation_tokens",
    ];

    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Prometheus_sums_every_request_once_across_a_gateway_and_two_workers()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await ProcessCluster.StartAsync(ProcessCluster.Redis(redis), workers: 2);
        var processes = (GranaryServer[])[cluster.Gateway, .. cluster.Workers];
        await using var prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string[]>
        {
            ["gateway"] = [Host(cluster.Gateway)],
            ["worker"] = cluster.Workers.Select(Host).ToArray(),
        });

        // Warm-up generations ran before the test's; count from what the workers show now.
        var before = 0.0;
        foreach (var worker in cluster.Workers)
            before += ProcessCluster.Sum(await Client.GetStringAsync($"{worker.Url}/metrics"), "vllm:request_success_total");
        await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => CompleteAsync(cluster.Gateway, $"Request {i}:")));

        var expected = before + Requests;
        var timeout = TimeSpan.FromSeconds(30);
        await prometheus.WaitAsync("sum(vllm:request_success_total)", v => v == expected, timeout);
        foreach (var histogram in RequestHistograms)
            await prometheus.WaitAsync($"sum({histogram}_count)", v => v == expected, timeout);
        // The gateway counts the HTTP requests and runs no engine; the workers count their replicas.
        await prometheus.WaitAsync("sum(http_server_request_duration_seconds_count{role=\"gateway\", http_route=\"/v1/completions\"})", v => v == Requests, timeout);
        Assert.Null(await prometheus.QueryAsync("count({__name__=~\"vllm:.+\", role=\"gateway\"})"));
        Assert.Equal(2, await prometheus.QueryAsync("sum(granary_replicas{role=\"worker\", state=\"serving\"})"));

        foreach (var process in processes)
            await AssertPromtoolClean(await Client.GetStringAsync($"{process.Url}/metrics"));
    }

    private static async Task CompleteAsync(GranaryServer gateway, string prompt)
    {
        var body = new JsonObject { ["model"] = SlowModel.Name, ["prompt"] = prompt, ["max_tokens"] = 4, ["ignore_eos"] = true };
        using var response = await Client.PostAsJsonAsync($"{gateway.Url}/v1/completions", body);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{gateway.Output}");
    }

    private static string Host(GranaryServer server) => new Uri(server.Url).Authority;

    /// <summary>
    /// promtool parses and lints the text. Its one complaint allowed is the one vLLM's own names
    /// draw (':' is meant for recording rules), since dashboards key on those exact names.
    /// </summary>
    private static async Task AssertPromtoolClean(string metrics)
    {
        var info = new ProcessStartInfo("promtool", "check metrics") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var promtool = Process.Start(info)!;
        var output = promtool.StandardOutput.ReadToEndAsync();
        var errors = promtool.StandardError.ReadToEndAsync();
        await promtool.StandardInput.WriteAsync(metrics);
        promtool.StandardInput.Close();
        await promtool.WaitForExitAsync();
        var problems = (await output + await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !(line.StartsWith("vllm:", StringComparison.Ordinal) && line.EndsWith("metric names should not contain ':'", StringComparison.Ordinal)))
            .ToArray();
        Assert.True(promtool.ExitCode is 0 or 3 && problems.Length == 0,
            $"promtool check metrics exited {promtool.ExitCode}:\n{string.Join('\n', problems.Distinct().Take(20))}");
    }
}

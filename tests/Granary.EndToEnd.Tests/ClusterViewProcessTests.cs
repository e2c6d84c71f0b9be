using System.Net;
using System.Text.Json.Nodes;
using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>GET /v1/cluster on a gateway process with a worker process: what the console's cluster view shows.</summary>
[Collection(ClusterProcesses.Name)]
public sealed class ClusterViewProcessTests
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task The_gateway_lists_both_silos_the_workers_replica_and_the_request_it_served()
    {
        await using var gateway = await GranaryServer.StartLiveAsync("--role", "gateway");
        await using var worker = await GranaryServer.StartAsync("--role", "worker", "--primary-silo", $"127.0.0.1:{gateway.SiloPort}");
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        await Http.ChatAsync(gateway, "Hello");

        // The request log is written as the response completes; the replica's counts come with its next heartbeat.
        var cluster = await ClusterAsync(gateway, c => c["recent_requests"]!.AsArray().Count == 1
            && c["replicas"]!.AsArray().Any(r => r!["generation_tokens"]!.GetValue<long>() >= 8));

        var gatewaySilo = $"127.0.0.1:{gateway.SiloPort}@";
        var workerSilo = $"127.0.0.1:{worker.SiloPort}@";
        Assert.StartsWith(gatewaySilo, cluster["gateway"]!.GetValue<string>());
        var silos = cluster["silos"]!.AsArray().Select(s => s!.AsObject()).ToArray();
        var gatewayEntry = Assert.Single(silos, s => s["address"]!.GetValue<string>().StartsWith(gatewaySilo, StringComparison.Ordinal));
        var workerEntry = Assert.Single(silos, s => s["address"]!.GetValue<string>().StartsWith(workerSilo, StringComparison.Ordinal));
        Assert.Equal(("gateway", "active", 0), (gatewayEntry["role"]!.GetValue<string>(), gatewayEntry["status"]!.GetValue<string>(), gatewayEntry["models"]!.AsArray().Count));
        Assert.Equal(("worker", "active", "tiny-llama3"), (workerEntry["role"]!.GetValue<string>(), workerEntry["status"]!.GetValue<string>(), workerEntry["models"]![0]!.GetValue<string>()));

        var model = Assert.Single(cluster["models"]!.AsArray())!;
        Assert.Equal(("tiny-llama3", "ready", 1), (model["id"]!.GetValue<string>(), model["state"]!.GetValue<string>(), model["replicas"]!.GetValue<int>()));
        var replica = Assert.Single(cluster["replicas"]!.AsArray())!;
        Assert.Equal(workerEntry["address"]!.GetValue<string>(), replica["silo"]!.GetValue<string>());
        Assert.Equal("serving", replica["state"]!.GetValue<string>());
        Assert.True(replica["generation_tokens"]!.GetValue<long>() >= 8);

        var request = Assert.Single(cluster["recent_requests"]!.AsArray())!;
        Assert.Equal(("/v1/chat/completions", "tiny-llama3", 200, 8), (request["endpoint"]!.GetValue<string>(),
            request["model"]!.GetValue<string>(), request["status"]!.GetValue<int>(), request["completion_tokens"]!.GetValue<int>()));

        // A worker has no public API, so no console either.
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"{worker.Url}/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"{gateway.Url}/")).StatusCode);
    }

    /// <summary>Polls until <paramref name="done"/> holds: the log is written just after a response is complete.</summary>
    private static async Task<JsonObject> ClusterAsync(GranaryServer gateway, Func<JsonObject, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var cluster = JsonNode.Parse(await Client.GetStringAsync($"{gateway.Url}/v1/cluster"))!.AsObject();
            if (done(cluster) || DateTime.UtcNow > deadline) return cluster;
            await Task.Delay(100);
        }
    }
}

using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>The same binary as gateway and worker processes, joined through a real membership store.</summary>
[Collection(ClusterProcesses.Name)]
public sealed class ClusterProcessTests
{
    [Fact]
    public async Task A_gateway_serves_through_a_worker_process_over_localhost_clustering()
    {
        await using var gateway = await GranaryServer.StartLiveAsync("--role", "gateway");
        await using var worker = await GranaryServer.StartAsync("--role", "worker", "--primary-silo", $"127.0.0.1:{gateway.SiloPort}");
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        var completion = await Http.ChatAsync(gateway, "Hello");
        Assert.Equal(8, completion["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Through_redis_a_session_rebinds_when_its_worker_dies()
    {
        await using var redis = await RedisServer.StartAsync();
        string[] cluster = ["--clustering", "redis", "--clustering-connection", redis.Connection, "--advertise-address", "127.0.0.1", "--cluster-id", $"e2e-{Guid.NewGuid():N}"];
        await using var gateway = await GranaryServer.StartLiveAsync(["--role", "gateway", .. cluster]);
        await using var first = await GranaryServer.StartAsync(["--role", "worker", .. cluster]);
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        var answer = await Http.ChatAsync(gateway, "Hello there", sessionId: "conversation-1"); // binds to the only worker
        await using var second = await GranaryServer.StartAsync(["--role", "worker", .. cluster]);
        first.Kill();

        var again = await Http.ChatAsync(gateway, "Hello there", sessionId: "conversation-1");
        Assert.Equal(Content(answer), Content(again)); // same weights, greedy: the same answer from the new replica
        var fresh = await Http.ChatAsync(gateway, "A new conversation");
        Assert.Equal(8, fresh["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    private static string Content(System.Text.Json.Nodes.JsonObject completion) =>
        completion["choices"]![0]!["message"]!["content"]!.GetValue<string>();
}

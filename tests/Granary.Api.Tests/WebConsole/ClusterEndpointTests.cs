using System.Net;
using System.Text.Json;
using Granary.Serving.Authentication;
using Granary.Api.Tests.Infrastructure;
using Granary.Engine.Abstractions;
using static Granary.Testing.ScriptedInference.Scripts;

namespace Granary.Api.Tests.WebConsole;

/// <summary>GET /v1/cluster: the cluster view's silos, models and replicas, and the gateway's recent requests.</summary>
public sealed class ClusterEndpointTests
{
    private const string Model = ScriptedInferenceClient.Model;

    private static async Task<JsonElement> ClusterAsync(ApiHost host, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/cluster");
        if (key is not null) request.WithBearer(key);
        var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return await response.JsonAsync();
    }

    /// <summary>The log is written once a response is complete, which can be just after the client has read it.</summary>
    private static async Task<JsonElement[]> RecentAsync(ApiHost host, int count, string? key = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var recent = (await ClusterAsync(host, key)).GetProperty("recent_requests").EnumerateArray().ToArray();
            if (recent.Length >= count || DateTime.UtcNow > deadline) return recent;
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Lists_silos_models_and_replicas_with_their_state_and_load()
    {
        await using var host = await ApiHost.StartAsync(cluster: new FixedClusterView(ClusterSnapshots.TwoModels()));
        var cluster = await ClusterAsync(host);

        Assert.Equal("granary.cluster", cluster.GetProperty("object").GetString());
        Assert.Equal(ClusterSnapshots.Gateway, cluster.GetProperty("gateway").GetString());
        var silos = cluster.GetProperty("silos").EnumerateArray().ToArray();
        Assert.Equal(["gateway", "worker"], silos.Select(s => s.GetProperty("role").GetString()));
        Assert.Equal("""["meta/llama-3.1-8b-instruct","other/model"]""", silos[1].GetProperty("models").GetRawText());
        Assert.Equal("worker-0", silos[1].GetProperty("name").GetString());
        Assert.Equal("active", silos[1].GetProperty("status").GetString());

        var models = cluster.GetProperty("models").EnumerateArray().ToArray();
        Assert.Equal([("ready", 1), ("loading", 0)], models.Select(m => (m.GetProperty("state").GetString(), m.GetProperty("replicas").GetInt32())));
        Assert.Equal(8192, models[0].GetProperty("max_model_len").GetInt32());

        var replicas = cluster.GetProperty("replicas").EnumerateArray().ToArray();
        Assert.Equal(["serving", "draining", "loading"], replicas.Select(r => r.GetProperty("state").GetString()));
        var busy = replicas[0];
        Assert.Equal($"{ClusterSnapshots.Worker}#0", busy.GetProperty("id").GetString());
        Assert.Equal(Model, busy.GetProperty("model").GetString());
        Assert.Equal(ClusterSnapshots.Worker, busy.GetProperty("silo").GetString());
        Assert.Equal(3, busy.GetProperty("running").GetInt32());
        Assert.Equal(2, busy.GetProperty("waiting").GetInt32());
        Assert.Equal(0.25, busy.GetProperty("kv_cache_usage").GetDouble());
        Assert.Equal(42.5, busy.GetProperty("generation_tokens_per_second").GetDouble());
        Assert.Equal(100, busy.GetProperty("prompt_tokens_per_second").GetDouble());
        Assert.Equal(0.4, busy.GetProperty("prefix_cache_hit_rate").GetDouble(), 6);
        Assert.Equal(1234, busy.GetProperty("generation_tokens").GetInt64());
        Assert.Equal(5678, busy.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(1, busy.GetProperty("preemptions").GetInt64());
        Assert.Empty(cluster.GetProperty("recent_requests").EnumerateArray());
    }

    [Fact]
    public async Task Requires_a_valid_key_when_keys_are_configured()
    {
        await using var host = await ApiHost.StartAsync(o => o.ApiKeys.Add("sk-console"), cluster: new FixedClusterView(ClusterSnapshots.OneReplica()));

        await ErrorAssert.IsErrorAsync(await host.Http.GetAsync("/v1/cluster"), HttpStatusCode.Unauthorized, "invalid_request_error", null, "invalid_api_key");
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/cluster");
        wrong.WithBearer("sk-wrong");
        await ErrorAssert.IsErrorAsync(await host.Http.SendAsync(wrong), HttpStatusCode.Unauthorized, "invalid_request_error", null, "invalid_api_key");
        Assert.Single((await ClusterAsync(host, "sk-console")).GetProperty("replicas").EnumerateArray());
    }

    [Fact]
    public async Task Other_methods_get_a_405()
    {
        await using var host = await ApiHost.StartAsync(cluster: new FixedClusterView(ClusterSnapshots.OneReplica()));
        var response = await host.Http.PostJsonAsync("/v1/cluster", "{}");

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.MethodNotAllowed, "invalid_request_error", null, "method_not_allowed");
    }

    [Fact]
    public async Task A_key_limited_to_some_models_sees_only_those()
    {
        var client = new ScriptedInferenceClient();
        client.Models.Add(new ModelCard { Id = ClusterSnapshots.Other, MaxModelLength = 4096 });
        await using var host = await ApiHost.StartAsync(o => o.ScopedApiKeys.Add(new ApiKeyDefinition("sk-other", [ClusterSnapshots.Other])),
            client, new FixedClusterView(ClusterSnapshots.TwoModels()));
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{ClusterSnapshots.Other}}","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.WithBearer("sk-other");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(request)).StatusCode);
        await RecentAsync(host, 1, "sk-other");

        var cluster = await ClusterAsync(host, "sk-other");

        Assert.Equal([ClusterSnapshots.Other], cluster.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal([ClusterSnapshots.Other], cluster.GetProperty("replicas").EnumerateArray().Select(r => r.GetProperty("model").GetString()));
        Assert.Equal("""["other/model"]""", cluster.GetProperty("silos")[1].GetProperty("models").GetRawText());
        Assert.Equal(ClusterSnapshots.Other, Assert.Single(cluster.GetProperty("recent_requests").EnumerateArray()).GetProperty("model").GetString());
    }

    [Fact]
    public async Task A_streamed_chat_is_logged_with_its_status_tokens_and_finish_reason_but_not_its_content()
    {
        await using var host = await ApiHost.StartAsync(cluster: new FixedClusterView(ClusterSnapshots.OneReplica()));
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","stream":true,"messages":[{"role":"user","content":"a secret prompt"}]}""");
        await response.SseChunksAsync();

        var logged = Assert.Single(await RecentAsync(host, 1));

        Assert.Equal("/v1/chat/completions", logged.GetProperty("endpoint").GetString());
        Assert.Equal(Model, logged.GetProperty("model").GetString());
        Assert.True(logged.GetProperty("stream").GetBoolean());
        Assert.Equal(200, logged.GetProperty("status").GetInt32());
        Assert.False(logged.GetProperty("aborted").GetBoolean());
        Assert.Equal("stop", logged.GetProperty("finish_reason").GetString());
        Assert.Equal(7, logged.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(2, logged.GetProperty("completion_tokens").GetInt32());
        Assert.True(logged.GetProperty("duration_ms").GetDouble() >= 0);
        Assert.True(logged.GetProperty("time").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        var text = logged.GetRawText();
        Assert.DoesNotContain("secret", text);
        Assert.DoesNotContain("Hello", text);
    }

    [Fact]
    public async Task Whole_completions_and_refused_requests_are_logged_newest_first()
    {
        var client = new ScriptedInferenceClient
        {
            Generate = (request, ct) => Play([Prompt(5), Delta(0, "a", 1), Delta(0, "b", 2), Delta(0, "c", 3), Finish(0, 3, FinishReason.Length)], ct),
        };
        await using var host = await ApiHost.StartAsync(client: client, cluster: new FixedClusterView(ClusterSnapshots.OneReplica()));

        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"x","max_tokens":3}""")).StatusCode);
        await RecentAsync(host, 1);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostJsonAsync("/v1/chat/completions", """{"model":"no/such","messages":[{"role":"user","content":"x"}]}""")).StatusCode);
        await RecentAsync(host, 2);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.PostJsonAsync("/v1/chat/completions", "{not json")).StatusCode);

        var recent = await RecentAsync(host, 3);

        Assert.Equal([400, 404, 200], recent.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal(JsonValueKind.Null, recent[0].GetProperty("model").ValueKind);
        Assert.Equal("no/such", recent[1].GetProperty("model").GetString());
        Assert.Equal(0, recent[1].GetProperty("completion_tokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, recent[1].GetProperty("finish_reason").ValueKind);
        Assert.Equal("/v1/completions", recent[2].GetProperty("endpoint").GetString());
        Assert.False(recent[2].GetProperty("stream").GetBoolean());
        Assert.Equal("length", recent[2].GetProperty("finish_reason").GetString());
        Assert.Equal((5, 3), (recent[2].GetProperty("prompt_tokens").GetInt32(), recent[2].GetProperty("completion_tokens").GetInt32()));
    }

    [Fact]
    public async Task A_stream_the_client_hung_up_on_is_logged_as_aborted()
    {
        await using var host = await ApiHost.StartAsync(cluster: new FixedClusterView(ClusterSnapshots.OneReplica()));
        host.Client.Generate = (_, ct) => Endless(ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{Model}}","stream":true,"messages":[{"role":"user","content":"Hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(await (await response.Content.ReadAsStreamAsync()).ReadAsync(new byte[16]) > 0);
        response.Dispose();
        await host.Client.GenerationCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var logged = Assert.Single(await RecentAsync(host, 1));

        Assert.True(logged.GetProperty("aborted").GetBoolean());
        Assert.Equal(200, logged.GetProperty("status").GetInt32());
        Assert.True(logged.GetProperty("stream").GetBoolean());
        Assert.Equal(JsonValueKind.Null, logged.GetProperty("finish_reason").ValueKind);
        Assert.Equal(3, logged.GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Other_endpoints_are_not_logged()
    {
        await using var host = await ApiHost.StartAsync(cluster: new FixedClusterView(ClusterSnapshots.OneReplica()));
        await host.Http.GetAsync("/v1/models");
        await host.Http.PostJsonAsync("/tokenize", $$"""{"model":"{{Model}}","prompt":"x"}""");
        // A generation afterwards is the marker that everything before it had its chance to be logged.
        await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"x"}""");

        await RecentAsync(host, 1);
        await Task.Delay(100);

        Assert.Equal("/v1/completions", Assert.Single(await RecentAsync(host, 1)).GetProperty("endpoint").GetString());
    }
}

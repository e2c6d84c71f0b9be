using System.Net;
using System.Text.Json;
using Granary.Api.Tests.Infrastructure;
using Granary.Engine.Abstractions;

namespace Granary.Api.Tests.Endpoints;

public sealed class ModelsEndpointsTests
{
    [Fact]
    public async Task Lists_served_models_in_openai_shape_with_vllm_fields()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Models.Add(new ModelCard { Id = "qwen", MaxModelLength = 4096, OwnedBy = "granary" });
        var body = await (await host.Http.GetAsync("/v1/models")).JsonAsync();

        Assert.Equal("list", body.GetProperty("object").GetString());
        var models = body.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["meta/llama-3.1-8b-instruct", "qwen"], models.Select(m => m.GetProperty("id").GetString()));
        var llama = models[0];
        Assert.Equal("model", llama.GetProperty("object").GetString());
        Assert.Equal(1_700_000_000, llama.GetProperty("created").GetInt64());
        Assert.Equal("granary", llama.GetProperty("owned_by").GetString());
        Assert.Equal("/models/llama", llama.GetProperty("root").GetString());
        Assert.Equal(8192, llama.GetProperty("max_model_len").GetInt32());
        Assert.Equal(JsonValueKind.Array, llama.GetProperty("permission").ValueKind);
        Assert.Equal("qwen", models[1].GetProperty("root").GetString()); // no root known: the id, as vLLM
        // A card without a creation time is stamped with the current time, never 0.
        Assert.True(models[1].GetProperty("created").GetInt64() > 1_700_000_000);
    }

    [Fact]
    public async Task A_cluster_listing_shows_replicas_and_state_and_a_model_still_loading_has_no_max_model_len()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Models.Clear();
        host.Client.Models.Add(new ModelCard { Id = "live", MaxModelLength = 4096, Replicas = 2, State = ModelStates.Ready });
        host.Client.Models.Add(new ModelCard { Id = "loading", MaxModelLength = 0, Replicas = 0, State = ModelStates.Loading });
        var models = (await (await host.Http.GetAsync("/v1/models")).JsonAsync()).GetProperty("data").EnumerateArray().ToArray();

        Assert.Equal(2, models[0].GetProperty("replicas").GetInt32());
        Assert.Equal("ready", models[0].GetProperty("state").GetString());
        Assert.Equal(4096, models[0].GetProperty("max_model_len").GetInt32());
        Assert.Equal(0, models[1].GetProperty("replicas").GetInt32());
        Assert.Equal("loading", models[1].GetProperty("state").GetString());
        Assert.False(models[1].TryGetProperty("max_model_len", out _));
    }

    [Theory]
    [InlineData("/v1/models/meta/llama-3.1-8b-instruct")]
    [InlineData("/v1/models/meta%2Fllama-3.1-8b-instruct")]
    public async Task Gets_one_model_whose_id_has_a_slash(string url)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("meta/llama-3.1-8b-instruct", body.GetProperty("id").GetString());
        Assert.Equal("model", body.GetProperty("object").GetString());
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_naming_the_served_ones()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.GetAsync("/v1/models/gpt-4");

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "invalid_request_error", "model", "model_not_found");
        Assert.Equal("The model 'gpt-4' does not exist. Served models: meta/llama-3.1-8b-instruct", message);
    }
}

using System.Net;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Endpoints;

public sealed class VersionEndpointsTests
{
    [Fact]
    public async Task vLLM_and_NIM_version_routes_report_the_build()
    {
        await using var host = await ApiHost.StartAsync();

        var vllm = await (await host.Http.GetAsync("/version")).JsonAsync();
        var nim = await (await host.Http.GetAsync("/v1/version")).JsonAsync();

        var release = vllm.GetProperty("version").GetString();
        Assert.False(string.IsNullOrEmpty(release));
        Assert.Equal(release, nim.GetProperty("release").GetString());
        Assert.Equal("1.0.0", nim.GetProperty("api").GetString());
    }

    [Fact]
    public async Task NIM_metadata_lists_the_served_models()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.Http.GetAsync("/v1/metadata");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var model = body.GetProperty("modelInfo").EnumerateArray().First();
        Assert.Equal(ScriptedInferenceClient.Model, model.GetProperty("shortName").GetString());
        Assert.Equal("/models/llama", model.GetProperty("modelUrl").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
    }
}

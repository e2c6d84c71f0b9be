using System.Net;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Endpoints;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Live_is_200_in_nim_shape()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.GetAsync("/v1/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("health.response", (await response.JsonAsync()).GetProperty("object").GetString());
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.ServiceUnavailable)]
    public async Task Ready_follows_the_cluster(bool ready, HttpStatusCode expected)
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Ready = () => ready;
        var response = await host.Http.GetAsync("/v1/health/ready");

        Assert.Equal(expected, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("health.response", body.GetProperty("object").GetString());
        Assert.Equal(ready ? "Service is ready." : "Service is not ready.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Vllm_health_is_200()
    {
        await using var host = await ApiHost.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health")).StatusCode);
    }
}

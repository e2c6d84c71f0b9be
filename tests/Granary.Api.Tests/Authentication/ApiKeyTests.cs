using System.Net;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Authentication;

public sealed class ApiKeyTests
{
    private static Task<ApiHost> StartWithKeysAsync() => ApiHost.StartAsync(o =>
    {
        o.ApiKeys.Add("sk-first");
        o.ApiKeys.Add("sk-second");
    });

    [Theory]
    [InlineData(null)]
    [InlineData("sk-wrong")]
    [InlineData("sk-firs")]
    public async Task Missing_or_wrong_keys_are_401(string? key)
    {
        await using var host = await StartWithKeysAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        if (key is not null)
        {
            request.WithBearer(key);
        }

        var response = await host.Http.SendAsync(request);

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_request_error", null, "invalid_api_key");
        if (key is not null)
        {
            Assert.Equal("Incorrect API key provided.", message);
        }

        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("sk-first")]
    [InlineData("sk-second")]
    public async Task Any_configured_key_is_accepted(string key)
    {
        await using var host = await StartWithKeysAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = new StringContent("""{"model":"meta/llama-3.1-8b-instruct","prompt":"x"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.WithBearer(key);

        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("POST", "/v1/chat/completions")]
    [InlineData("POST", "/v1/completions")]
    [InlineData("GET", "/v1/models/meta/llama-3.1-8b-instruct")]
    [InlineData("POST", "/tokenize")]
    [InlineData("POST", "/detokenize")]
    public async Task Every_api_endpoint_needs_the_key(string method, string url)
    {
        await using var host = await StartWithKeysAsync();
        var response = await host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Client.Calls);
    }

    [Theory]
    [InlineData("/v1/health/live")]
    [InlineData("/v1/health/ready")]
    [InlineData("/health")]
    public async Task Health_stays_open(string url)
    {
        await using var host = await StartWithKeysAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Without_keys_the_api_is_open()
    {
        await using var host = await ApiHost.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/v1/models")).StatusCode);
    }
}

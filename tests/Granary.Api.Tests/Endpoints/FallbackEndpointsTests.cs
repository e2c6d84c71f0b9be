using System.Net;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Endpoints;

public sealed class FallbackEndpointsTests
{
    [Theory]
    [InlineData("GET", "/v1/nothing")]
    [InlineData("POST", "/v2/chat/completions")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/favicon.ico")]
    [InlineData("GET", "/v1/models.json")]
    public async Task Unknown_urls_are_404_in_the_envelope(string method, string url)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "invalid_request_error", null, "unknown_url");
        Assert.Contains(url, message);
    }

    [Theory]
    [InlineData("GET", "/v1/chat/completions", "POST")]
    [InlineData("PUT", "/v1/completions", "POST")]
    [InlineData("POST", "/v1/models", "GET")]
    [InlineData("DELETE", "/v1/models/meta/llama-3.1-8b-instruct", "GET")]
    public async Task Wrong_methods_are_405_in_the_envelope(string method, string url, string allowed)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.MethodNotAllowed, "invalid_request_error", null, "method_not_allowed");
        Assert.Equal([allowed], response.Content.Headers.Allow);
    }
}

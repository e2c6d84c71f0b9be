using System.Net;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.WebConsole;

/// <summary>The console's static files: served at / and /console/*, from the assembly, without shadowing the API.</summary>
public sealed class ConsolePageTests
{
    private static Task<ApiHost> StartAsync(Action<Granary.Serving.ServingOptions>? configure = null) =>
        ApiHost.StartAsync(configure, cluster: new FixedClusterView(ClusterSnapshots.OneReplica()));

    [Fact]
    public async Task The_page_is_served_at_the_root_and_loads_its_own_script_and_style()
    {
        await using var host = await StartAsync();
        var response = await host.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Granary console</title>", html);
        Assert.Contains("src=\"/console/console.js\"", html);
        Assert.Contains("href=\"/console/console.css\"", html);
        // The page may run only its own files and talk only to this origin.
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/console/console.js", "text/javascript", "/v1/chat/completions")]
    [InlineData("/console/console.css", "text/css", "prefers-color-scheme")]
    [InlineData("/console/favicon.svg", "image/svg+xml", "<svg")]
    public async Task Assets_are_served_with_their_content_type(string path, string mediaType, string contains)
    {
        await using var host = await StartAsync();
        var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(contains, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_already_fetched_is_revalidated_by_its_etag()
    {
        await using var host = await StartAsync();
        var first = await host.Http.GetAsync("/console/console.js");
        var etag = first.Headers.ETag!;
        Assert.Equal("no-cache", first.Headers.CacheControl!.ToString());

        var again = new HttpRequestMessage(HttpMethod.Get, "/console/console.js");
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await host.Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_page_loads_without_a_key_when_keys_are_configured()
    {
        await using var host = await StartAsync(o => o.ApiKeys.Add("sk-console"));

        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/console/console.js")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/v1/models")).StatusCode);
    }

    [Fact]
    public async Task The_console_folder_itself_gets_the_api_404()
    {
        await using var host = await StartAsync();
        var response = await host.Http.GetAsync("/console/");

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "invalid_request_error", null, "unknown_url");
    }

    [Theory]
    [InlineData("/console/missing.js")]
    [InlineData("/index.html")]
    [InlineData("/console/../index.html")]
    public async Task Files_that_are_not_the_consoles_are_not_found(string path)
    {
        await using var host = await StartAsync();
        var response = await host.Http.GetAsync(path);

        // Never the page: the API's own 404, file-like paths included.
        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "invalid_request_error", null, "unknown_url");
    }

    [Theory]
    [InlineData("/v1/models", "application/json")]
    [InlineData("/v1/health/ready", "application/json")]
    [InlineData("/version", "application/json")]
    public async Task The_page_shadows_no_api_route(string path, string mediaType)
    {
        await using var host = await StartAsync();
        var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
    }
}

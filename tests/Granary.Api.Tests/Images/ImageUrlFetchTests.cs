using System.Net;
using System.Net.Sockets;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Images;

/// <summary>http(s) image URLs: fetched into the part's bytes only when allowed, within size and redirect limits, public addresses only unless allowed.</summary>
public sealed class ImageUrlFetchTests : IAsyncDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5, 6];
    private readonly HttpListener _listener;
    private readonly string _base;
    private readonly Task _serving;

    public ImageUrlFetchTests()
    {
        var port = FreePort();
        _base = $"http://127.0.0.1:{port}/";
        _listener = new HttpListener();
        _listener.Prefixes.Add(_base);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    [Fact]
    public async Task An_allowed_url_reaches_the_engine_as_the_images_bytes()
    {
        await using var host = await ApiHost.StartAsync(images: o => (o.AllowFetch, o.AllowPrivateAddresses) = (true, true));

        using var response = await host.Http.PostJsonAsync("/v1/chat/completions", Body(_base + "image.png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var part = Assert.Single(host.Client.Calls).Request.Prompt.Chat!.Messages[0].Parts![1];
        Assert.Equal(Png, part.Data);
        Assert.Equal(_base + "image.png", part.Url);
    }

    [Fact]
    public async Task Without_the_flag_the_url_is_passed_on_unfetched()
    {
        await using var host = await ApiHost.StartAsync();

        await host.Http.PostJsonAsync("/v1/chat/completions", Body(_base + "image.png"));

        Assert.Null(Assert.Single(host.Client.Calls).Request.Prompt.Chat!.Messages[0].Parts![1].Data);
    }

    [Fact]
    public async Task Loopback_is_refused_unless_private_addresses_are_allowed()
    {
        await using var host = await ApiHost.StartAsync(images: o => o.AllowFetch = true);

        using var response = await host.Http.PostJsonAsync("/v1/chat/completions", Body(_base + "image.png"));

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "messages[0].content[1].image_url", "image_fetch_failed");
        Assert.Contains("--allow-private-image-urls", message);
        Assert.Empty(host.Client.Calls);
    }

    [Fact]
    public async Task Size_redirect_and_status_limits_are_400s_at_the_parts_path()
    {
        await using var host = await ApiHost.StartAsync(images: o =>
        {
            (o.AllowFetch, o.AllowPrivateAddresses) = (true, true);
            (o.MaxBytes, o.MaxRedirects) = (Png.Length - 1, 2);
        });

        using var large = await host.Http.PostJsonAsync("/v1/chat/completions", Body(_base + "image.png"));
        using var loop = await host.Http.PostJsonAsync("/v1/chat/completions", Body(_base + "loop"));
        using var missing = await host.Http.PostJsonAsync("/v1/chat/completions", Body(_base + "missing"));

        await ErrorAssert.IsErrorAsync(large, HttpStatusCode.BadRequest, "invalid_request_error", "messages[0].content[1].image_url", "image_too_large");
        Assert.Contains("redirected more than 2 times",
            await ErrorAssert.IsErrorAsync(loop, HttpStatusCode.BadRequest, "invalid_request_error", "messages[0].content[1].image_url", "image_fetch_failed"));
        Assert.Contains("HTTP 404",
            await ErrorAssert.IsErrorAsync(missing, HttpStatusCode.BadRequest, "invalid_request_error", "messages[0].content[1].image_url", "image_fetch_failed"));
    }

    private static string Body(string url) => $$$"""
        {"model":"{{{ScriptedInferenceClient.Model}}}","messages":[{"role":"user","content":[
          {"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"{{{url}}}","detail":"low"}}]}]}
        """;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            var response = context.Response;
            switch (context.Request.Url!.AbsolutePath)
            {
                case "/image.png":
                    response.ContentType = "image/png";
                    await response.OutputStream.WriteAsync(Png);
                    break;
                case "/loop":
                    response.StatusCode = 302;
                    response.RedirectLocation = "/loop";
                    break;
                default:
                    response.StatusCode = 404;
                    break;
            }
            response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}

using System.Net;
using System.Text.Json;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Connections;

/// <summary>Requests Kestrel refuses while parsing, before any endpoint runs, over a real socket.</summary>
public sealed class BareErrorEnvelopeTests
{
    [Theory]
    [InlineData("GET /v1/models/%00 HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /v1/models/a%00b HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /v1/mo dels HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("GET v1/models HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /v1/models HTTP/1.1\r\n\r\n")]
    [InlineData("GET /v1/models HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")]
    [InlineData("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")]
    public async Task Unparsable_requests_get_a_400_envelope(string request)
    {
        await using var host = await KestrelApiHost.StartAsync();

        var (status, headers, body) = Split(await host.SendRawAsync(request));

        Assert.Equal("HTTP/1.1 400 Bad Request", status);
        Assert.Contains("Content-Type: application/json; charset=utf-8", headers);
        Assert.Contains($"Content-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}", headers);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("malformed_request", error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Well_formed_requests_pass_through_unchanged_on_a_kept_alive_connection()
    {
        await using var host = await KestrelApiHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Port}") };

        for (var i = 0; i < 3; i++)
        {
            var models = await http.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.OK, models.StatusCode);
            Assert.Equal("list", (await models.JsonAsync()).GetProperty("object").GetString());
            await ErrorAssert.IsErrorAsync(await http.GetAsync("/v1/nothing"), HttpStatusCode.NotFound, "invalid_request_error", null, "unknown_url");
        }

        var streamed = await http.PostJsonAsync("/v1/completions", """{"model":"meta/llama-3.1-8b-instruct","prompt":"hi","stream":true,"max_tokens":3}""");
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal("[DONE]", (await streamed.SseDataAsync())[^1]);
    }

    [Fact]
    public async Task A_bad_request_after_a_good_one_on_the_same_connection_gets_the_envelope()
    {
        await using var host = await KestrelApiHost.StartAsync();

        var answer = await host.SendRawAsync(
            "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/models/%00 HTTP/1.1\r\nHost: x\r\n\r\n");

        var second = answer.IndexOf("HTTP/1.1 400", StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200 OK", answer);
        Assert.True(second > 0, answer);
        var (_, _, body) = Split(answer[second..]);
        Assert.Equal("malformed_request", JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private static (string Status, string Headers, string Body) Split(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, response);
        var head = response[..end];
        return (head.Split("\r\n")[0], head, response[(end + 4)..]);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>The front door as the granary binary composes it: Kestrel's own parse errors and /openapi.json.</summary>
public sealed class FrontDoorProcessTests
{
    [Fact]
    public async Task Kestrels_parse_errors_get_the_envelope_and_the_openapi_document_is_served()
    {
        await using var server = await GranaryServer.StartAsync();
        var port = new Uri(server.Url).Port;

        var answer = await SendRawAsync(port, "GET /v1/models/%00 HTTP/1.1\r\nHost: x\r\n\r\n");
        var end = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, answer);
        Assert.StartsWith("HTTP/1.1 400 Bad Request", answer);
        Assert.Contains("Content-Type: application/json", answer[..end]);
        var error = JsonDocument.Parse(answer[(end + 4)..]).RootElement.GetProperty("error");
        Assert.Equal("malformed_request", error.GetProperty("code").GetString());

        using var http = new HttpClient();
        var document = JsonDocument.Parse(await http.GetStringAsync($"{server.Url}/openapi.json")).RootElement;
        Assert.True(document.GetProperty("paths").TryGetProperty("/v1/chat/completions", out _), document.ToString());
    }

    private static async Task<string> SendRawAsync(int port, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stream.CopyToAsync(received, timeout.Token);
        return Encoding.UTF8.GetString(received.ToArray());
    }
}

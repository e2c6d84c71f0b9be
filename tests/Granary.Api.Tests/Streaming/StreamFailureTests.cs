using System.Text.Json;
using Granary.Api.Tests.Infrastructure;
using Granary.Engine.Abstractions;
using static Granary.Testing.ScriptedInference.Scripts;

namespace Granary.Api.Tests.Streaming;

public sealed class StreamFailureTests
{
    private const string Model = "meta/llama-3.1-8b-instruct";

    [Theory]
    [InlineData("/v1/chat/completions", "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]")]
    [InlineData("/v1/completions", "\"prompt\":\"Hi\"")]
    public async Task A_failure_midway_sends_one_error_event_then_done(string url, string input)
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, _) => FailAfterOneDelta(new InvalidOperationException("replica crashed: secret detail"));
        var response = await host.Http.PostJsonAsync(url, $$"""{"model":"{{Model}}","stream":true,{{input}}}""");

        var data = await response.SseDataAsync();
        Assert.Equal("[DONE]", data[^1]);
        var error = JsonDocument.Parse(data[^2]).RootElement.GetProperty("error");
        Assert.Equal("internal_server_error", error.GetProperty("type").GetString());
        Assert.DoesNotContain("secret", error.GetProperty("message").GetString());
        Assert.Contains(data, d => d.Contains("partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_error_midway_keeps_its_message_param_and_code()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, _) => FailAfterOneDelta(new EngineRequestException("too long", "max_tokens", "context_length_exceeded"));
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","stream":true,"prompt":"Hi"}""");

        var data = await response.SseDataAsync();
        var error = JsonDocument.Parse(data[^2]).RootElement.GetProperty("error");
        Assert.Equal(("too long", "invalid_request_error", "max_tokens", "context_length_exceeded"),
            (error.GetProperty("message").GetString(), error.GetProperty("type").GetString(), error.GetProperty("param").GetString(), error.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task One_failing_prompt_of_several_fails_the_stream_and_stops_the_others()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (request, ct) => request.RequestId.EndsWith("-1", StringComparison.Ordinal)
            ? FailAfterOneDelta(new InvalidOperationException("boom"))
            : Endless(ct);
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","stream":true,"prompt":["a","b"]}""");

        var data = await response.SseDataAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("[DONE]", data[^1]);
        Assert.Contains("\"error\"", data[^2]);
        await host.Client.GenerationCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_client_disconnect_cancels_the_generation(bool stream)
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Endless(ct);
        using var cts = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{Model}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Hi"}]}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        var sending = host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        HttpResponseMessage? response = null;
        if (stream)
        {
            // The stream is flowing: headers sent and the first chunk read.
            response = await sending;
            var body = await response.Content.ReadAsStreamAsync();
            Assert.True(await body.ReadAsync(new byte[16]) > 0);
        }
        else
        {
            // The request reached the cluster: its generation is running while the client waits.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (host.Client.Calls.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(10);
        }

        Assert.False(host.Client.GenerationCancelled.Task.IsCompleted);
        // Hanging up: a streaming client closes the response, a waiting one cancels its request.
        response?.Dispose();
        await cts.CancelAsync();
        await host.Client.GenerationCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(Assert.Single(host.Client.Calls).Token.IsCancellationRequested);
    }
}

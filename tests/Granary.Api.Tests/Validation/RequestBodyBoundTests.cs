using System.Net;
using Granary.Api.Tests.Infrastructure;
using Granary.Api.Validation;
using Granary.Engine.Abstractions;

namespace Granary.Api.Tests.Validation;

/// <summary>The body limit follows the served contexts; Kestrel enforces it, so these go over a real socket.</summary>
public sealed class RequestBodyBoundTests
{
    [Fact]
    public void The_bound_grows_with_the_longest_served_context()
    {
        ModelCard Card(int context) => new() { Id = $"m{context}", MaxModelLength = context };

        Assert.Equal(RequestBodyBound.Overhead, RequestBodyBound.Of([]));
        Assert.Equal((8192L * 64 * 3) + (1 << 20), RequestBodyBound.Of([Card(2048), Card(8192)]));
    }

    [Theory]
    [InlineData("/v1/completions", "{\"model\":\"meta/llama-3.1-8b-instruct\",\"prompt\":\"PROMPT\"}")]
    [InlineData("/v1/chat/completions", "{\"model\":\"meta/llama-3.1-8b-instruct\",\"messages\":[{\"role\":\"user\",\"content\":\"PROMPT\"}]}")]
    [InlineData("/tokenize", "{\"model\":\"meta/llama-3.1-8b-instruct\",\"prompt\":\"PROMPT\"}")]
    public async Task A_body_no_served_model_could_take_is_413_in_the_envelope_and_never_reaches_the_cluster(string url, string template)
    {
        await using var host = await KestrelApiHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Port}") };
        var bound = RequestBodyBound.Of(host.Client.Models); // the scripted model has an 8192-token context

        var response = await http.PostJsonAsync(url, template.Replace("PROMPT", new string('a', (int)bound), StringComparison.Ordinal));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "invalid_request_error", null, "request_too_large");
        Assert.Empty(host.Client.Calls);
        Assert.Empty(host.Client.TokenizeCalls);
    }

    [Fact]
    public async Task A_body_just_under_the_bound_is_served()
    {
        await using var host = await KestrelApiHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Port}") };
        const string Template = "{\"model\":\"meta/llama-3.1-8b-instruct\",\"prompt\":\"PROMPT\"}";
        var bound = RequestBodyBound.Of(host.Client.Models);

        var prompt = new string('a', (int)bound - Template.Length + "PROMPT".Length);
        var response = await http.PostJsonAsync("/v1/completions", Template.Replace("PROMPT", prompt, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(prompt, Assert.Single(host.Client.Calls).Request.Prompt.Text);
    }
}

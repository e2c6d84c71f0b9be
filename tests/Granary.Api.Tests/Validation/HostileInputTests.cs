using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Validation;

public sealed class HostileInputTests
{
    private const string Model = "meta/llama-3.1-8b-instruct";

    [Fact]
    public async Task Invalid_utf8_in_a_string_is_a_400_naming_the_field()
    {
        await using var host = await ApiHost.StartAsync();
        byte[] body = [.. Encoding.UTF8.GetBytes($$"""{"model":"{{Model}}","messages":[{"role":"user","content":"ab"""), 0xFF, 0xFE,
            .. Encoding.UTF8.GetBytes("\"}]}")];

        var response = await PostBytesAsync(host, "/v1/chat/completions", body);

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "messages[0].content", "invalid_encoding");
        Assert.Contains("UTF-8", message);
        Assert.Empty(host.Client.Calls);
    }

    [Theory]
    [InlineData("""{"model":"M","prompt":"\uDC00"}""", "prompt")]
    [InlineData("""{"model":"M","prompt":["ok","x\uD800y"]}""", "prompt[1]")]
    [InlineData("""{"model":"M","prompt":"ok","stop":"\uDFFF"}""", "stop")]
    public async Task A_lone_surrogate_escape_is_a_400_naming_the_field(string json, string param)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.Http.PostJsonAsync("/v1/completions", json.Replace("\"M\"", $"\"{Model}\"", StringComparison.Ordinal));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, "invalid_encoding");
    }

    [Fact]
    public async Task A_key_that_is_not_utf8_is_a_400_naming_its_object()
    {
        await using var host = await ApiHost.StartAsync();
        byte[] body = [.. Encoding.UTF8.GetBytes($$"""{"model":"{{Model}}","messages":[{"role":"user","content":"x","""), (byte)'"', 0xC3, (byte)'"',
            .. Encoding.UTF8.GetBytes(":1}]}")];

        var response = await PostBytesAsync(host, "/v1/chat/completions", body);

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "messages[0]", "invalid_encoding");
    }

    [Fact]
    public async Task Escaped_valid_text_is_accepted()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"caf\u00e9 \uD83D\uDE00 \"q\""}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("café 😀 \"q\"", Assert.Single(host.Client.Calls).Request.Prompt.Text);
    }

    [Theory]
    [InlineData("""{"role":"user","content":"x","colour":"red"}""", "messages[0].colour")]
    [InlineData("""{"role":"user","content":[{"type":"text","text":"x","extra":1}]}""", "messages[0].content[0].extra")]
    [InlineData("""{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://x/y.png","size":2}}]}""", "messages[0].content[0].image_url.size")]
    [InlineData("""{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}","strict":true}}]}""", "messages[0].tool_calls[0].function.strict")]
    [InlineData("""{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"},"extra":0}]}""", "messages[0].tool_calls[0].extra")]
    public async Task Unknown_keys_inside_messages_are_rejected_by_path(string message, string param)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.Http.PostJsonAsync("/v1/chat/completions", $$"""{"model":"{{Model}}","messages":[{{message}}]}""");

        var text = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, null);
        Assert.Contains($"Unrecognized request argument supplied: {param}", text);
    }

    [Fact]
    public async Task OpenAI_fields_harmless_to_ignore_are_accepted_at_the_top_and_in_messages()
    {
        await using var host = await ApiHost.StartAsync();
        var json = $$$"""
            {"model":"{{{Model}}}","store":false,"metadata":{"k":"v"},"user":"u","service_tier":"auto","prompt_cache_key":"p","safety_identifier":"s",
             "messages":[{"role":"user","name":"ann","content":[{"type":"image_url","image_url":{"url":"http://x/y.png","detail":"low"}},{"type":"text","text":"Hi"}]},
                         {"role":"assistant","content":"Hello","refusal":null,"annotations":[],"audio":null,"function_call":null},
                         {"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
                         {"role":"tool","tool_call_id":"c","content":"done"},
                         {"role":"user","content":"Again"}]}
            """;

        var response = await host.Http.PostJsonAsync("/v1/chat/completions", json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PostBytesAsync(ApiHost host, string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return host.Http.PostAsync(url, content);
    }
}

using System.Net;
using System.Text.Json;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Endpoints;

public sealed class TokenizerEndpointsTests
{
    private const string Model = "meta/llama-3.1-8b-instruct";

    [Fact]
    public async Task Tokenizes_a_prompt_in_vllm_shape()
    {
        await using var host = await ApiHost.StartAsync();
        var body = await (await host.Http.PostJsonAsync("/tokenize", $$"""{"model":"{{Model}}","prompt":"ab","return_token_strs":true}""")).JsonAsync();

        Assert.Equal(3, body.GetProperty("count").GetInt32());
        Assert.Equal(8192, body.GetProperty("max_model_len").GetInt32());
        Assert.Equal([1, 2, 3], body.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal(["<s>", "a", "b"], body.GetProperty("token_strs").EnumerateArray().Select(t => t.GetString()));
        var call = Assert.Single(host.Client.TokenizeCalls);
        Assert.Equal(("ab", true, true), (call.Prompt.Text, call.Prompt.AddSpecialTokens, call.ReturnStrings));
    }

    [Fact]
    public async Task Tokenizes_messages_through_the_chat_template_and_defaults_the_model()
    {
        await using var host = await ApiHost.StartAsync();
        var body = await (await host.Http.PostJsonAsync("/tokenize",
            """{"messages":[{"role":"user","content":"Hi"}],"add_generation_prompt":false}""")).JsonAsync();

        Assert.Equal(JsonValueKind.Null, body.GetProperty("token_strs").ValueKind);
        var call = Assert.Single(host.Client.TokenizeCalls);
        Assert.Equal(Model, call.Model);
        Assert.Equal("Hi", call.Prompt.Chat!.Messages[0].Content);
        Assert.False(call.Prompt.Chat.AddGenerationPrompt);
    }

    [Fact]
    public async Task Detokenizes()
    {
        await using var host = await ApiHost.StartAsync();
        var body = await (await host.Http.PostJsonAsync("/detokenize", $$"""{"model":"{{Model}}","tokens":[4,5]}""")).JsonAsync();

        Assert.Equal("4|5", body.GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task Unknown_model_and_bad_tokens_are_refused()
    {
        await using var host = await ApiHost.StartAsync();
        await ErrorAssert.IsErrorAsync(await host.Http.PostJsonAsync("/tokenize", """{"model":"nope","prompt":"x"}"""),
            HttpStatusCode.NotFound, "invalid_request_error", "model", "model_not_found");
        await ErrorAssert.IsErrorAsync(await host.Http.PostJsonAsync("/detokenize", $$"""{"model":"{{Model}}","tokens":["a"]}"""),
            HttpStatusCode.BadRequest, "invalid_request_error", "tokens[0]", "invalid_type");
        await ErrorAssert.IsErrorAsync(await host.Http.PostJsonAsync("/tokenize", $$"""{"model":"{{Model}}"}"""),
            HttpStatusCode.BadRequest, "invalid_request_error", "prompt", "missing_required_parameter");
    }
}

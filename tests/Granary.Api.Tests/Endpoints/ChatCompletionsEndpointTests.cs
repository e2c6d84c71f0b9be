using System.Net;
using System.Text.Json;
using Granary.Api.Tests.Infrastructure;
using Granary.Engine.Abstractions;
using static Granary.Testing.ScriptedInference.Scripts;

namespace Granary.Api.Tests.Endpoints;

public sealed class ChatCompletionsEndpointTests
{
    private const string Model = "meta/llama-3.1-8b-instruct";

    [Fact]
    public async Task Answers_a_whole_chat_completion_field_by_field()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        var body = await response.JsonAsync();
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.InRange(body.GetProperty("created").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(Model, body.GetProperty("model").GetString());

        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("Hello world", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("stop_reason").ValueKind);

        var usage = body.GetProperty("usage");
        Assert.Equal(7, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(2, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(9, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(2, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
    }

    [Fact]
    public async Task Passes_the_conversation_and_nim_defaults_to_the_engine()
    {
        await using var host = await ApiHost.StartAsync();
        await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","messages":[{"role":"system","content":"Be brief"},{"role":"user","content":"Hi","name":"ann"}]}""");

        var call = Assert.Single(host.Client.Calls);
        Assert.Equal(Model, call.Model);
        Assert.StartsWith("chatcmpl-", call.Request.RequestId);
        var chat = call.Request.Prompt.Chat!;
        Assert.Equal(["system", "user"], chat.Messages.Select(m => m.Role));
        Assert.Equal("ann", chat.Messages[1].Name);
        Assert.True(chat.AddGenerationPrompt);
        var sampling = call.Request.Sampling;
        Assert.Equal(0.2, sampling.Temperature);
        Assert.Equal(0.7, sampling.TopP);
        Assert.Equal(1024, sampling.MaxTokens);
        Assert.False(sampling.MaxTokensExplicit);
        Assert.Equal(1, sampling.N);
        Assert.Null(sampling.Logprobs);
    }

    [Fact]
    public async Task Numbers_n_choices_and_sums_their_tokens()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Play(
        [
            Prompt(5),
            Delta(1, "B", 2), Delta(0, "A", 1), Delta(1, "B", 3),
            Finish(1, 2, FinishReason.Length), Finish(0, 1, FinishReason.Stop, stopReason: "###"),
        ], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","n":2,"max_tokens":2,"messages":[{"role":"user","content":"Hi"}]}""")).JsonAsync();

        var choices = body.GetProperty("choices").EnumerateArray().ToArray();
        Assert.Equal([0, 1], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal("A", choices[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choices[0].GetProperty("finish_reason").GetString());
        Assert.Equal("###", choices[0].GetProperty("stop_reason").GetString());
        Assert.Equal("BB", choices[1].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choices[1].GetProperty("finish_reason").GetString());
        Assert.Equal(5, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(3, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(8, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Reports_a_stop_token_id_as_an_integer_stop_reason()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Play([Prompt(1), Delta(0, "x", 9), Finish(0, 1, stopTokenId: 128009)], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"Hi"}]}""")).JsonAsync();

        var stopReason = body.GetProperty("choices")[0].GetProperty("stop_reason");
        Assert.Equal(JsonValueKind.Number, stopReason.ValueKind);
        Assert.Equal(128009, stopReason.GetInt32());
    }

    [Fact]
    public async Task Renders_logprobs_with_top_alternatives_and_bytes()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Play(
        [
            Prompt(2),
            Delta(0, "Hi", 10, [Logprob(10, "Hi", -0.25, (10, "Hi", -0.25), (11, "Hey", -1.5), (12, "Yo", -3))]),
            Delta(0, "!", 13, [Logprob(13, "!", double.NegativeInfinity, (14, ".", -0.1), (13, "!", double.NegativeInfinity))]),
            Finish(0, 2),
        ], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","logprobs":true,"top_logprobs":2,"messages":[{"role":"user","content":"Hi"}]}""")).JsonAsync();

        Assert.Equal(2, Assert.Single(host.Client.Calls).Request.Sampling.Logprobs);
        var content = body.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content").EnumerateArray().ToArray();
        Assert.Equal(2, content.Length);
        Assert.Equal("Hi", content[0].GetProperty("token").GetString());
        Assert.Equal(-0.25, content[0].GetProperty("logprob").GetDouble());
        Assert.Equal([72, 105], content[0].GetProperty("bytes").EnumerateArray().Select(b => b.GetInt32()));
        var top = content[0].GetProperty("top_logprobs").EnumerateArray().ToArray();
        Assert.Equal(["Hi", "Hey"], top.Select(t => t.GetProperty("token").GetString()));
        Assert.Equal([72, 101, 121], top[1].GetProperty("bytes").EnumerateArray().Select(b => b.GetInt32()));
        // JSON has no -Infinity: vLLM's floor stands in for it.
        Assert.Equal(-9999.0, content[1].GetProperty("logprob").GetDouble());
        Assert.Equal(-9999.0, content[1].GetProperty("top_logprobs")[1].GetProperty("logprob").GetDouble());
    }

    [Fact]
    public async Task Logprobs_without_top_logprobs_asks_for_none_and_lists_none()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Play([Prompt(2), Delta(0, "Hi", 10, [Logprob(10, "Hi", -0.5, (10, "Hi", -0.5))]), Finish(0, 1)], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","logprobs":true,"messages":[{"role":"user","content":"Hi"}]}""")).JsonAsync();

        Assert.Equal(0, Assert.Single(host.Client.Calls).Request.Sampling.Logprobs);
        var token = Assert.Single(body.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content").EnumerateArray());
        Assert.Empty(token.GetProperty("top_logprobs").EnumerateArray());
    }

    [Fact]
    public async Task Return_tokens_as_token_ids_renders_token_ids()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Play([Prompt(2), Delta(0, "Hi", 10, [Logprob(10, "Hi", -0.5, (11, "Hey", -1))]), Finish(0, 1)], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","logprobs":true,"top_logprobs":1,"return_tokens_as_token_ids":true,"messages":[{"role":"user","content":"Hi"}]}""")).JsonAsync();

        var token = body.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content")[0];
        Assert.Equal("token_id:10", token.GetProperty("token").GetString());
        Assert.Equal("token_id:11", token.GetProperty("top_logprobs")[0].GetProperty("token").GetString());
        Assert.Equal("Hi", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Echo_prefixes_the_final_assistant_message()
    {
        await using var host = await ApiHost.StartAsync();
        var body = await (await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","echo":true,"add_generation_prompt":false,"continue_final_message":true,"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Well, "}]}""")).JsonAsync();

        Assert.Equal("Well, Hello world", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        var chat = Assert.Single(host.Client.Calls).Request.Prompt.Chat!;
        Assert.False(chat.AddGenerationPrompt);
        Assert.True(chat.ContinueFinalMessage);
    }

    [Fact]
    public async Task Session_id_comes_from_the_body_or_else_the_header()
    {
        await using var host = await ApiHost.StartAsync();
        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{Model}}","messages":[{"role":"user","content":"Hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        withHeader.Headers.Add("X-Session-Id", "from-header");
        await host.Http.SendAsync(withHeader);
        await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","session_id":"from-body","messages":[{"role":"user","content":"Hi"}]}""");
        await host.Http.PostJsonAsync("/v1/chat/completions", $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(["from-header", "from-body", null], host.Client.Calls.Select(c => c.SessionId));
    }

    [Fact]
    public async Task Tools_reach_the_template_and_history_tool_calls_map_to_the_engine()
    {
        await using var host = await ApiHost.StartAsync();
        const string tools = """[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]""";
        await host.Http.PostJsonAsync("/v1/chat/completions", $$$"""
            {"model":"{{{Model}}}","tools":{{{tools}}},"tool_choice":"auto","messages":[
              {"role":"user","content":[{"type":"text","text":"Weather?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"}]}
            """);

        var chat = Assert.Single(host.Client.Calls).Request.Prompt.Chat!;
        Assert.Equal("get_weather", JsonDocument.Parse(chat.ToolsJson!).RootElement[0].GetProperty("function").GetProperty("name").GetString());
        var parts = chat.Messages[0].Parts!;
        Assert.Equal(("text", "Weather?", (string?)null), (parts[0].Type, parts[0].Text, parts[0].Url));
        Assert.Equal(("image_url", "data:image/png;base64,AA=="), (parts[1].Type, parts[1].Url));
        var call = Assert.Single(chat.Messages[1].ToolCalls!);
        Assert.Equal(("call_1", "function", "get_weather", """{"city":"Paris"}"""), (call.Id, call.Type, call.Name, call.Arguments));
        Assert.Null(chat.Messages[1].Content);
        Assert.Equal(("tool", "call_1", "sunny"), (chat.Messages[2].Role, chat.Messages[2].ToolCallId, chat.Messages[2].Content));
    }
}

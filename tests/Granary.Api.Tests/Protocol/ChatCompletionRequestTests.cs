using System.Text.Json;
using Granary.Api.Protocol;
using Granary.Api.Validation;

namespace Granary.Api.Tests.Protocol;

public sealed class ChatCompletionRequestTests
{
    private static ChatCompletionRequest Read(string json) => ChatCompletionRequestReader.Read(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Converts_to_one_engine_request_with_the_chat_and_template_options()
    {
        var request = Read("""
            {"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"f"}}],
             "chat_template":"{{ messages }}","chat_template_kwargs":{"enable_thinking":false},"reasoning_effort":"low",
             "max_completion_tokens":12,"max_tokens":99,"n":2}
            """);

        var generation = request.ToGenerationRequest("chatcmpl-1");

        Assert.Equal("chatcmpl-1", generation.RequestId);
        Assert.False(generation.ReturnPrompt);
        var chat = generation.Prompt.Chat!;
        Assert.Null(generation.Prompt.Text);
        Assert.Equal("Hi", Assert.Single(chat.Messages).Content);
        Assert.Equal("f", JsonDocument.Parse(chat.ToolsJson!).RootElement[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("{{ messages }}", chat.ChatTemplate);
        var kwargs = JsonDocument.Parse(chat.ChatTemplateKwargsJson!).RootElement;
        Assert.False(kwargs.GetProperty("enable_thinking").GetBoolean());
        Assert.Equal("low", kwargs.GetProperty("reasoning_effort").GetString());
        // max_completion_tokens wins over the deprecated max_tokens.
        Assert.Equal((12, true, 2), (generation.Sampling.MaxTokens, generation.Sampling.MaxTokensExplicit, generation.Sampling.N));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData(",\"logprobs\":false", null)]
    [InlineData(",\"logprobs\":true", 0)]
    [InlineData(",\"logprobs\":true,\"top_logprobs\":5", 5)]
    public void Logprobs_map_to_the_number_of_alternatives(string fields, int? expected)
    {
        var request = Read($$"""{"model":"m","messages":[{"role":"user","content":"Hi"}]{{fields}}}""");

        Assert.Equal(expected, request.ToGenerationRequest("x").Sampling.Logprobs);
        Assert.Null(request.ToGenerationRequest("x").Sampling.PromptLogprobs);
    }

    [Fact]
    public void Echo_text_is_the_final_assistant_message_only()
    {
        Assert.Equal("So", Read("""{"model":"m","echo":true,"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":[{"type":"text","text":"So"}]}]}""").EchoText);
        Assert.Equal("", Read("""{"model":"m","echo":true,"messages":[{"role":"user","content":"Hi"}]}""").EchoText);
        Assert.Equal("", Read("""{"model":"m","messages":[{"role":"assistant","content":"So"}]}""").EchoText);
    }
}

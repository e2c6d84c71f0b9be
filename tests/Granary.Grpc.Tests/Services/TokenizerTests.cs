using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;
using Grpc.Core;

namespace Granary.Grpc.Tests.Services;

public sealed class TokenizerTests
{
    [Fact]
    public async Task Tokenizing_text_returns_ids_count_and_context_window()
    {
        await using var host = await GrpcHost.StartAsync();

        var response = await host.Inference.TokenizeAsync(new TokenizeRequest { Model = ScriptedInferenceClient.Model, Prompt = "ab", AddSpecialTokens = false });

        Assert.Equal([1, 2, 3], response.Tokens);
        Assert.Equal(3, response.Count);
        Assert.Equal(8192, response.MaxModelLength);
        Assert.Empty(response.TokenStrings);
        var (model, prompt, strings) = host.Client.TokenizeCalls.Single();
        Assert.Equal(ScriptedInferenceClient.Model, model);
        Assert.Equal("ab", prompt.Text);
        Assert.False(prompt.AddSpecialTokens);
        Assert.False(strings);
    }

    [Fact]
    public async Task Token_strings_come_back_when_asked_and_the_model_defaults_to_the_first_served()
    {
        await using var host = await GrpcHost.StartAsync();

        var response = await host.Inference.TokenizeAsync(new TokenizeRequest { Prompt = "ab", ReturnTokenStrings = true });

        Assert.Equal(["<s>", "a", "b"], response.TokenStrings);
        var (model, prompt, strings) = host.Client.TokenizeCalls.Single();
        Assert.Equal(ScriptedInferenceClient.Model, model);
        Assert.True(prompt.AddSpecialTokens);
        Assert.True(strings);
    }

    [Fact]
    public async Task A_conversation_is_tokenized_as_a_chat()
    {
        await using var host = await GrpcHost.StartAsync();

        await host.Inference.TokenizeAsync(new TokenizeRequest
        {
            Messages = { new ChatMessage { Role = "user", Content = "Hi" } },
            AddGenerationPrompt = false,
            ToolsJson = """[{"type":"function","function":{"name":"f"}}]""",
            ChatTemplateKwargsJson = """{"x":1}""",
        });

        var chat = host.Client.TokenizeCalls.Single().Prompt.Chat!;
        Assert.Equal("Hi", Assert.Single(chat.Messages).Content);
        Assert.False(chat.AddGenerationPrompt);
        Assert.Equal("""{"x":1}""", chat.ChatTemplateKwargsJson);
        Assert.NotNull(chat.ToolsJson);
    }

    [Fact]
    public async Task Detokenizing_returns_the_text()
    {
        await using var host = await GrpcHost.StartAsync();

        var response = await host.Inference.DetokenizeAsync(new DetokenizeRequest { Model = ScriptedInferenceClient.Model, Tokens = { 5, 6 } });

        Assert.Equal("5|6", response.Text);
        Assert.Equal([5, 6], host.Client.DetokenizeCalls.Single().Ids);
    }

    [Fact]
    public async Task Detokenizing_without_a_model_uses_the_first_served()
    {
        await using var host = await GrpcHost.StartAsync();

        await host.Inference.DetokenizeAsync(new DetokenizeRequest { Tokens = { 1 } });

        Assert.Equal(ScriptedInferenceClient.Model, host.Client.DetokenizeCalls.Single().Model);
    }

    [Fact]
    public async Task Without_any_served_model_the_default_is_not_found()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Models.Clear();

        await RpcAssert.FailsAsync(() => host.Inference.TokenizeAsync(new TokenizeRequest { Prompt = "a" }).ResponseAsync,
            StatusCode.NotFound, "model", "model_not_found");
        await RpcAssert.FailsAsync(() => host.Inference.DetokenizeAsync(new DetokenizeRequest()).ResponseAsync,
            StatusCode.NotFound, "model", "model_not_found");
    }
}

using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;
using EnginePart = Granary.Engine.Abstractions.ContentPart;
using WireMessage = Granary.Grpc.V1.ChatMessage;
using WireToolCall = Granary.Grpc.V1.ToolCall;

namespace Granary.Grpc.Tests.Services;

public sealed class ChatTests
{
    private const string Tools = """[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]""";

    [Fact]
    public async Task A_conversation_reaches_the_template_with_every_field()
    {
        await using var host = await GrpcHost.StartAsync();
        var request = new ChatRequest
        {
            Model = ScriptedInferenceClient.Model,
            Messages =
            {
                new WireMessage { Role = "system", Content = "Be brief." },
                new WireMessage
                {
                    Role = "user",
                    Name = "ada",
                    Parts = { new ContentPart { Text = "What is this?" }, new ContentPart { ImageUrl = "data:image/png;base64,AAAA" } },
                },
                new WireMessage
                {
                    Role = "assistant",
                    ReasoningContent = "Need the weather.",
                    ToolCalls = { new WireToolCall { Id = "call_1", Name = "get_weather", Arguments = """{"city":"Paris"}""" } },
                },
                new WireMessage { Role = "tool", ToolCallId = "call_1", Content = "sunny" },
            },
            ToolsJson = Tools,
            ChatTemplateKwargsJson = """{"enable_thinking":false}""",
            ChatTemplate = "{{ messages }}",
            SessionId = "s-1",
        };

        var messages = await host.Inference.Chat(request).ReadAllAsync();

        Assert.StartsWith("chatcmpl-", messages[0].Start.RequestId);
        Assert.Equal("Hello world", string.Concat(messages.Where(m => m.Delta is not null).Select(m => m.Delta.Text)));
        var call = host.Client.Calls.Single();
        Assert.Equal("s-1", call.SessionId);
        var chat = call.Request.Prompt.Chat!;
        Assert.Null(call.Request.Prompt.Text);
        Assert.Equal(Tools, chat.ToolsJson);
        Assert.Equal(Granary.Engine.Abstractions.ToolChoiceMode.None, call.Request.ToolChoice!.Mode);
        Assert.Equal("""{"enable_thinking":false}""", chat.ChatTemplateKwargsJson);
        Assert.Equal("{{ messages }}", chat.ChatTemplate);
        Assert.True(chat.AddGenerationPrompt);
        Assert.False(chat.ContinueFinalMessage);
        Assert.Equal(["system", "user", "assistant", "tool"], chat.Messages.Select(m => m.Role));

        Assert.Equal("Be brief.", chat.Messages[0].Content);
        Assert.Null(chat.Messages[0].Parts);
        Assert.Null(chat.Messages[0].Name);

        var user = chat.Messages[1];
        Assert.Null(user.Content);
        Assert.Equal("ada", user.Name);
        Assert.Equal(
            [new EnginePart { Type = "text", Text = "What is this?" }, new EnginePart { Type = "image_url", Url = "data:image/png;base64,AAAA" }],
            user.Parts!);

        var assistant = chat.Messages[2];
        Assert.Null(assistant.Content);
        Assert.Equal("Need the weather.", assistant.ReasoningContent);
        Assert.Equal(new Engine.Abstractions.ToolCall { Id = "call_1", Name = "get_weather", Arguments = """{"city":"Paris"}""" }, Assert.Single(assistant.ToolCalls!));

        Assert.Equal("call_1", chat.Messages[3].ToolCallId);
        Assert.Equal("sunny", chat.Messages[3].Content);
    }

    [Fact]
    public async Task Continuing_the_final_message_turns_the_generation_prompt_off()
    {
        await using var host = await GrpcHost.StartAsync();
        var request = Calls.Chat();
        request.Messages.Add(new WireMessage { Role = "assistant", Content = "Once" });
        request.AddGenerationPrompt = false;
        request.ContinueFinalMessage = true;

        await host.Inference.Chat(request).ReadAllAsync();

        var chat = host.Client.Calls.Single().Request.Prompt.Chat!;
        Assert.False(chat.AddGenerationPrompt);
        Assert.True(chat.ContinueFinalMessage);
        Assert.Null(chat.ToolsJson);
        Assert.Null(chat.ChatTemplateKwargsJson);
        Assert.Null(chat.ChatTemplate);
    }

    [Fact]
    public async Task Chat_samples_like_HTTP_chat_and_never_asks_for_prompt_logprobs()
    {
        await using var host = await GrpcHost.StartAsync();

        await host.Inference.Chat(Calls.Chat(sampling: new SamplingParameters { Logprobs = 3, N = 2 })).ReadAllAsync();

        var request = host.Client.Calls.Single().Request;
        Assert.Equal(3, request.Sampling.Logprobs);
        Assert.Equal(2, request.Sampling.N);
        Assert.Equal(0.2, request.Sampling.Temperature);
        Assert.Null(request.Sampling.PromptLogprobs);
        Assert.False(request.ReturnPrompt);
    }

    [Fact]
    public async Task A_chat_streams_every_choice_then_usage()
    {
        await using var host = await GrpcHost.StartAsync();

        var messages = await host.Inference.Chat(Calls.Chat(sampling: new SamplingParameters { N = 2 })).ReadAllAsync();

        var finishes = messages.Where(m => m.Delta?.FinishReason == V1.FinishReason.Stop).Select(m => m.Delta).ToList();
        Assert.Equal([0, 1], finishes.Select(d => d.Index));
        Assert.Equal([2, 2], finishes.Select(d => d.CompletionTokens));
        Assert.Equal(4, messages[^1].End.Usage.CompletionTokens);
        Assert.Equal(11, messages[^1].End.Usage.TotalTokens);
    }
}

using Granary.Engine.Abstractions;
using Granary.Serving.Authentication;

namespace Granary.Serving.Tests.Authentication;

public sealed class TokenEstimateTests
{
    [Fact]
    public void Text_counts_four_characters_a_token_rounded_up_plus_max_tokens_per_choice()
    {
        var request = Request(PromptInput.FromText("123456789"), maxTokens: 10, n: 3);

        Assert.Equal(3 + 30, TokenEstimate.Of(request));
    }

    [Fact]
    public void Token_ids_count_exactly()
    {
        Assert.Equal(5 + 16, TokenEstimate.Of(Request(PromptInput.FromTokens([1, 2, 3, 4, 5]), maxTokens: 16)));
    }

    [Fact]
    public void A_chat_counts_its_messages_parts_tool_calls_and_tools()
    {
        var chat = new ChatPrompt
        {
            Messages =
            [
                new ChatMessage { Role = "user", Content = "abcd" },
                new ChatMessage { Role = "user", Parts = [new ContentPart { Type = "text", Text = "efgh" }] },
                new ChatMessage { Role = "assistant", ToolCalls = [new ToolCall { Id = "c", Name = "ab", Arguments = "{}" }] },
            ],
            ToolsJson = "[12345678]",
        };

        // 4 + 4 + 4 + 10 characters: 22 → 6 tokens.
        Assert.Equal(6 + 1, TokenEstimate.Of(Request(PromptInput.FromChat(chat), maxTokens: 1)));
    }

    [Fact]
    public void Several_prompts_add_up()
    {
        Assert.Equal(2 * (1 + 4), TokenEstimate.Of([Request(PromptInput.FromText("abc"), 4), Request(PromptInput.FromText("xyz"), 4)]));
    }

    private static GenerationRequest Request(PromptInput prompt, int maxTokens, int n = 1) => new()
    {
        RequestId = "r",
        Prompt = prompt,
        Sampling = new SamplingParams { MaxTokens = maxTokens, N = n },
    };
}

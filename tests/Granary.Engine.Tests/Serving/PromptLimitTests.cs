using Granary.Engine.Abstractions;
using static Granary.Engine.Tests.Serving.EngineFixture;

namespace Granary.Engine.Tests.Serving;

public sealed class PromptLimitTests
{
    private static GenerationRequest Request(PromptInput prompt, int? maxTokens = null) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Prompt = prompt,
        Sampling = new SamplingParams { Temperature = 0, MaxTokens = maxTokens ?? 16, MaxTokensExplicit = maxTokens is not null },
    };

    [Fact]
    public async Task A_multi_megabyte_text_prompt_is_refused_by_its_size_before_tokenizing()
    {
        using var engine = await Start(maxModelLength: 64);
        var huge = new string('a', 8 << 20);

        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Collect(engine, Request(PromptInput.FromText(huge))));

        Assert.Equal(("context_length_exceeded", "prompt"), (error.Code, error.Param));
        Assert.Contains($"its {8 << 20} bytes of text", error.Message);
        Assert.Contains("maximum context length is 64 tokens", error.Message);
    }

    [Fact]
    public async Task A_multi_megabyte_chat_is_refused_before_rendering()
    {
        using var engine = await Start(maxModelLength: 64);
        var chat = new ChatPrompt { Messages = [new ChatMessage { Role = "user", Content = new string('b', 3 << 20) }] };

        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Collect(engine, Request(PromptInput.FromChat(chat), maxTokens: 5)));

        Assert.Equal(("context_length_exceeded", "messages"), (error.Code, error.Param));
        Assert.Contains("bytes of text) in the messages, 5 in the completion", error.Message);
    }

    [Fact]
    public async Task A_prompt_under_the_byte_bound_is_counted_in_tokens_with_the_explicit_max_tokens()
    {
        using var engine = await Start(maxModelLength: 64);

        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Collect(engine, Request(PromptInput.FromTokens([.. Enumerable.Repeat(9, 70)]), maxTokens: 10)));

        Assert.Contains("you requested 80 tokens (70 in the prompt, 10 in the completion)", error.Message);
    }

    [Fact]
    public async Task A_text_that_fits_the_byte_bound_but_not_the_window_is_tokenized_and_counted_exactly()
    {
        using var engine = await Start(maxModelLength: 64);
        var text = string.Concat(Enumerable.Repeat(" a", 100)); // 200 bytes: under the bound, about 100 tokens

        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Collect(engine, Request(PromptInput.FromText(text))));

        Assert.DoesNotContain("at least", error.Message);
        Assert.Contains(", 0 in the completion", error.Message);
    }
}

using Granary.Api.Protocol;

namespace Granary.Api.Tests.Protocol;

public sealed class MessageConversionTests
{
    [Fact]
    public void A_message_carries_every_field_to_the_engine()
    {
        var message = new ChatMessageParam
        {
            Role = "assistant",
            Parts = [new ContentPartParam("text", "Look", null), new ContentPartParam("image_url", null, "https://x/y.png")],
            Name = "bot",
            ToolCalls = [new ToolCallParam("call_1", "f", "{}")],
            ToolCallId = null,
            ReasoningContent = "thinking",
        };

        var converted = message.ToChatMessage();

        Assert.Equal(("assistant", null, "bot", "thinking"), (converted.Role, converted.Content, converted.Name, converted.ReasoningContent));
        Assert.Equal(("text", "Look", (string?)null), (converted.Parts![0].Type, converted.Parts[0].Text, converted.Parts[0].Url));
        Assert.Equal(("image_url", "https://x/y.png"), (converted.Parts[1].Type, converted.Parts[1].Url));
        var call = Assert.Single(converted.ToolCalls!);
        Assert.Equal(("call_1", "function", "f", "{}"), (call.Id, call.Type, call.Name, call.Arguments));
        Assert.Equal("Look", message.Text);
    }

    [Fact]
    public void Prompts_keep_text_or_ids()
    {
        var text = new CompletionPrompt("hi", null).ToPromptInput(addSpecialTokens: false);
        var ids = new CompletionPrompt(null, [1, 2]).ToPromptInput(addSpecialTokens: false);

        Assert.Equal(("hi", false), (text.Text, text.AddSpecialTokens));
        Assert.Equal([1, 2], ids.TokenIds!);
        Assert.Null(ids.Text);
    }
}

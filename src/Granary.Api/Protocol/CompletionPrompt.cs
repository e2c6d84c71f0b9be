using Granary.Engine.Abstractions;

namespace Granary.Api.Protocol;

/// <summary>One prompt of a completions request: text, or token ids given directly.</summary>
internal sealed record CompletionPrompt(string? Text, int[]? TokenIds)
{
    public PromptInput ToPromptInput(bool addSpecialTokens) => Text is not null
        ? new PromptInput { Text = Text, AddSpecialTokens = addSpecialTokens }
        : PromptInput.FromTokens(TokenIds!);
}

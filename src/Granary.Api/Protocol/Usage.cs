namespace Granary.Api.Protocol;

/// <summary>Token counts: prompts counted once each, completions summed over every choice.</summary>
internal sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens, PromptTokensDetails PromptTokensDetails)
{
    public static Usage Of(int promptTokens, int completionTokens, int cachedTokens) =>
        new(promptTokens, completionTokens, promptTokens + completionTokens, new PromptTokensDetails(cachedTokens));
}

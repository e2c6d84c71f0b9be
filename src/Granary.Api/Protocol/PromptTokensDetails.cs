namespace Granary.Api.Protocol;

/// <summary>OpenAI's usage.prompt_tokens_details: prompt tokens served from the prefix cache.</summary>
internal sealed record PromptTokensDetails(int CachedTokens);

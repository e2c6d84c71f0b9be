using Granary.Engine.Abstractions;

namespace Granary.Serving.Authentication;

/// <summary>
/// What a request is charged against tokens_per_minute when it is admitted, before any tokenizer has
/// seen it (gateways have none): the prompt at four characters a token — OpenAI's own rule of thumb
/// for its limits — or its exact length when given as token ids, plus max_tokens for every choice.
/// </summary>
internal static class TokenEstimate
{
    private const int CharactersPerToken = 4;

    public static long Of(IEnumerable<GenerationRequest> requests) => requests.Sum(Of);

    public static long Of(GenerationRequest request) =>
        Prompt(request.Prompt) + (long)Math.Max(1, request.Sampling.N) * request.Sampling.MaxTokens;

    private static long Prompt(PromptInput prompt)
    {
        if (prompt.TokenIds is { } ids)
        {
            return ids.Length;
        }

        long characters = prompt.Text?.Length ?? 0;
        if (prompt.Chat is { } chat)
        {
            characters += (chat.ToolsJson?.Length ?? 0) + chat.Messages.Sum(Characters);
        }

        return (characters + CharactersPerToken - 1) / CharactersPerToken;
    }

    private static long Characters(ChatMessage message) =>
        (message.Content?.Length ?? 0)
        + (message.Parts?.Sum(p => (long)(p.Text?.Length ?? 0)) ?? 0)
        + (message.ReasoningContent?.Length ?? 0)
        + (message.ToolCalls?.Sum(c => (long)c.Name.Length + c.Arguments.Length) ?? 0);
}

using Granary.Engine.Abstractions;
using Granary.Structured;

namespace Granary.Engine.Constraints;

/// <summary>
/// Refuses a constrained request whose shortest valid output cannot fit its token budget: budget
/// steering completes every output whose shortest completion fits at the start, so this is the one
/// case it could only cut short.
/// </summary>
internal static class GrammarBudget
{
    /// <param name="maxTokens">max_tokens, already clamped to the context window left after the prompt.</param>
    /// <param name="clamped">Whether the context window, not the client's max_tokens, set the budget.</param>
    /// <exception cref="EngineRequestException">The shortest completion needs more tokens than the budget.</exception>
    public static void Check(Grammar grammar, TokenVocabulary vocabulary, int maxTokens, bool clamped, string what)
    {
        var needed = new GrammarMatcher(grammar, vocabulary).TokensToCompletion;
        if (needed <= maxTokens) return;
        var budget = clamped ? $"the context window leaves {maxTokens} for the completion" : $"max_tokens is {maxTokens}";
        throw new EngineRequestException(
            $"The shortest {what} that fits the request's constraints takes {needed} tokens, but {budget}; raise max_tokens (or shorten the prompt).",
            "max_tokens", "max_tokens_too_small");
    }
}

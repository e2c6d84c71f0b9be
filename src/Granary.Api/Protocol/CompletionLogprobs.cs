namespace Granary.Api.Protocol;

/// <summary>The legacy completions logprobs: parallel lists, one entry per token (prompt tokens first when echoed).</summary>
internal sealed record CompletionLogprobs(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<double?> TokenLogprobs,
    IReadOnlyList<Dictionary<string, double>?> TopLogprobs,
    IReadOnlyList<int> TextOffset);

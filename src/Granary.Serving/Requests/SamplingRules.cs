namespace Granary.Serving.Requests;

/// <summary>
/// The range rule of each sampling field, written once: a front end reads a field its own way and
/// passes the value with the name its clients know it by.
/// </summary>
public static class SamplingRules
{
    public static void N(long? value, string field) => Ranges.Check(value, field, 1, RequestLimits.MaxChoices);

    public static void Temperature(double? value, string field) => Ranges.Check(value, field, 0, 2);

    /// <summary>A non-empty nucleus: top_p lies in (0, 1], as vLLM and OpenAI require.</summary>
    public static void TopP(double? value, string field) => Ranges.CheckAbove(value, field, 0, max: 1);

    /// <summary>-1 (or 0) means off, as in vLLM.</summary>
    public static void TopK(long? value, string field) => Ranges.Check(value, field, -1);

    public static void MinP(double? value, string field) => Ranges.Check(value, field, 0, 1);

    public static void Penalty(double? value, string field) => Ranges.Check(value, field, -2, 2);

    public static void RepetitionPenalty(double? value, string field) => Ranges.CheckAbove(value, field, 0);

    public static void MaxTokens(long? value, string field) => Ranges.Check(value, field, 1);

    public static void MinTokens(long? value, string field, long? maxTokens) => Ranges.Check(value, field, 0, maxTokens ?? int.MaxValue);

    /// <summary>Alternatives per token: logprobs, top_logprobs, prompt_logprobs.</summary>
    public static void Logprobs(long? value, string field) => Ranges.Check(value, field, 0, RequestLimits.MaxLogprobs);

    /// <summary>
    /// The memory bound on logprobs (<see cref="RequestLimits.MaxLogprobEntries"/>): refused up front, naming
    /// the alternatives field, rather than found out when the response no longer fits.
    /// </summary>
    /// <param name="choices">Choices over all prompts (n × prompts).</param>
    /// <param name="maxTokens">As sent; absent means NIM's default.</param>
    /// <param name="logprobs">Alternatives per token; null when no logprobs were asked for.</param>
    public static void LogprobVolume(long choices, long? maxTokens, long? logprobs, string field)
    {
        if (logprobs is not { } alternatives)
        {
            return;
        }

        var tokens = maxTokens ?? NimDefaults.MaxTokens;
        var entries = choices * tokens * (alternatives + 1);
        if (entries > RequestLimits.MaxLogprobEntries)
        {
            throw new InvalidRequestException(
                $"Invalid '{field}': {choices} choice(s) × max_tokens {tokens} × {alternatives + 1} logprob(s) per token is {entries} logprob entries, "
                + $"above this server's limit of {RequestLimits.MaxLogprobEntries} per request. Reduce n, max_tokens or {field}.",
                field, "logprobs_too_many");
        }
    }

    public static void LogitBiasToken(long tokenId, string field) => Ranges.Check(tokenId, field, 0);

    public static void LogitBias(double value, string field) => Ranges.Check(value, field, -100, 100);
}

using System.Globalization;
using System.Text;
using Granary.Api.Protocol;
using Granary.Engine.Abstractions;

namespace Granary.Api.Generation;

/// <summary>Turns the engine's logprobs into the wire shapes, with vLLM's conventions for edge values.</summary>
internal static class LogprobRendering
{
    // JSON cannot carry -Infinity; vLLM reports impossible tokens as -9999.
    public const double Floor = -9999.0;

    public static double Clamp(double logprob) => double.IsNaN(logprob) || logprob < Floor ? Floor : logprob;

    /// <summary>The token as shown to the client: its text, or <c>token_id:N</c> when asked for ids.</summary>
    public static string TokenText(int tokenId, string token, bool asTokenIds) =>
        asTokenIds ? string.Create(CultureInfo.InvariantCulture, $"token_id:{tokenId}") : token;

    public static ChatLogprobs? ToChat(IReadOnlyList<TokenLogprob>? logprobs, int? topCount, bool asTokenIds) =>
        logprobs is null || topCount is null
            ? null
            : new ChatLogprobs(logprobs.Select(lp => ToChat(lp, topCount.Value, asTokenIds)).ToArray());

    public static ChatLogprobToken ToChat(TokenLogprob logprob, int topCount, bool asTokenIds) => new(
        TokenText(logprob.TokenId, logprob.Token, asTokenIds),
        Clamp(logprob.Logprob),
        Bytes(logprob.TokenId, logprob.Bytes, asTokenIds),
        logprob.Top.Take(topCount)
            .Select(top => new ChatTopLogprob(TokenText(top.TokenId, top.Token, asTokenIds), Clamp(top.Logprob), Bytes(top.TokenId, top.Bytes, asTokenIds)))
            .ToArray());

    /// <summary>The completions top_logprobs entry: the chosen token plus its top alternatives, as OpenAI documents.</summary>
    public static Dictionary<string, double> TopDictionary(TokenLogprob logprob, int topCount, bool asTokenIds)
    {
        var top = new Dictionary<string, double> { [TokenText(logprob.TokenId, logprob.Token, asTokenIds)] = Clamp(logprob.Logprob) };
        foreach (var alternative in logprob.Top.Take(topCount))
        {
            top.TryAdd(TokenText(alternative.TokenId, alternative.Token, asTokenIds), Clamp(alternative.Logprob));
        }

        return top;
    }

    /// <summary>vLLM's prompt_logprobs: per prompt position, candidates keyed by token id; null where unscored.</summary>
    public static IReadOnlyList<Dictionary<string, PromptLogprobEntry>?>? PromptLogprobs(PromptInfo prompt, int? topCount) =>
        topCount is null || prompt.Logprobs is null
            ? null
            : prompt.Logprobs.Select(lp => lp is null ? null : PromptCandidates(lp, topCount.Value)).ToArray();

    private static Dictionary<string, PromptLogprobEntry> PromptCandidates(TokenLogprob logprob, int topCount)
    {
        var alternatives = logprob.Top.Take(topCount).ToArray();
        var rank = Array.FindIndex(alternatives, a => a.TokenId == logprob.TokenId);
        var candidates = new Dictionary<string, PromptLogprobEntry>
        {
            [Id(logprob.TokenId)] = new(Clamp(logprob.Logprob), rank < 0 ? null : rank + 1, logprob.Token),
        };
        for (var i = 0; i < alternatives.Length; i++)
        {
            candidates.TryAdd(Id(alternatives[i].TokenId), new PromptLogprobEntry(Clamp(alternatives[i].Logprob), i + 1, alternatives[i].Token));
        }

        return candidates;
    }

    private static string Id(int tokenId) => tokenId.ToString(CultureInfo.InvariantCulture);

    private static int[] Bytes(int tokenId, byte[] bytes, bool asTokenIds) =>
        (asTokenIds ? Encoding.UTF8.GetBytes(TokenText(tokenId, "", asTokenIds: true)) : bytes).Select(b => (int)b).ToArray();
}

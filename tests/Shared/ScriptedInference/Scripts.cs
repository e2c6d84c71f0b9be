using System.Runtime.CompilerServices;
using System.Text;
using Granary.Engine.Abstractions;

namespace Granary.Testing.ScriptedInference;

/// <summary>Building blocks for scripted engine streams.</summary>
internal static class Scripts
{
    public static GenerationEvent Prompt(int tokens, int cached = 0, string? text = null, int[]? ids = null, TokenLogprob?[]? logprobs = null) =>
        new() { Prompt = new PromptInfo { TokenCount = tokens, CachedTokenCount = cached, Text = text, TokenIds = ids, Logprobs = logprobs } };

    public static GenerationEvent Delta(int choice, string text, int tokenId, TokenLogprob[]? logprobs = null) =>
        new() { Choice = choice, Text = text, TokenIds = [tokenId], Logprobs = logprobs };

    public static GenerationEvent Finish(int choice, int completionTokens, FinishReason reason = FinishReason.Stop, string? stopReason = null, int? stopTokenId = null) =>
        new() { Choice = choice, FinishReason = reason, CompletionTokens = completionTokens, StopReason = stopReason, StopTokenId = stopTokenId };

    public static TokenLogprob Logprob(int id, string token, double logprob, params (int Id, string Token, double Logprob)[] top) => new()
    {
        TokenId = id,
        Token = token,
        Logprob = logprob,
        Bytes = Encoding.UTF8.GetBytes(token),
        Top = top.Select(t => new TopLogprob(t.Id, t.Token, t.Logprob, Encoding.UTF8.GetBytes(t.Token))).ToArray(),
    };

    /// <summary>Every choice of the request says the pieces in turn, one token each, then stops.</summary>
    public static async IAsyncEnumerable<GenerationEvent> Say(GenerationRequest request, [EnumeratorCancellation] CancellationToken ct, params string[] pieces)
    {
        await Task.Yield();
        yield return Prompt(7, cached: 2);
        for (var choice = 0; choice < request.Sampling.N; choice++)
        {
            for (var i = 0; i < pieces.Length; i++)
            {
                ct.ThrowIfCancellationRequested();
                yield return Delta(choice, pieces[i], 100 + i);
            }

            yield return Finish(choice, pieces.Length);
        }
    }

    public static async IAsyncEnumerable<GenerationEvent> Play(IEnumerable<GenerationEvent> events, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var item in events)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    /// <summary>Throws before any event, as the cluster does for a request it refuses up front.</summary>
    public static async IAsyncEnumerable<GenerationEvent> FailAtOnce(Exception failure)
    {
        await Task.Yield();
        if (failure is not null)
        {
            throw failure;
        }

        yield break;
    }

    /// <summary>Sends the prompt event, one delta, then fails.</summary>
    public static async IAsyncEnumerable<GenerationEvent> FailAfterOneDelta(Exception failure)
    {
        await Task.Yield();
        yield return Prompt(3);
        yield return Delta(0, "partial", 5);
        throw failure;
    }

    /// <summary>Sends the prompt event, then a token every 20 ms until cancelled.</summary>
    public static async IAsyncEnumerable<GenerationEvent> Endless([EnumeratorCancellation] CancellationToken ct)
    {
        yield return Prompt(3);
        for (var i = 0; ; i++)
        {
            await Task.Delay(20, ct);
            yield return Delta(0, "x", i);
        }
    }
}

using Granary.Engine.Abstractions;
using Xunit.Sdk;

namespace Granary.Engine.Tests.Support;

/// <summary>
/// Failover as the gateway sees it: the choice events a client received before its replica went away,
/// the resume point it builds from them, and the check that a resumed stream is exactly the rest of the
/// uninterrupted one.
/// </summary>
internal static class StreamCut
{
    private const double LogprobTolerance = 1e-4;

    /// <summary>A stream's choice events (the prompt event left out).</summary>
    public static GenerationEvent[] ChoiceEvents(IEnumerable<GenerationEvent> events) => events.Where(e => e.Prompt is null).ToArray();

    /// <summary>The resume point a gateway builds once its client has received the first <paramref name="cut"/> choice events.</summary>
    public static ResumePoint At(IReadOnlyList<GenerationEvent> events, int cut, int n) => new()
    {
        Choices = Enumerable.Range(0, n).Select(k =>
        {
            var received = events.Take(cut).Where(e => e.Choice == k).ToArray();
            return new ChoiceProgress
            {
                TokenIds = received.SelectMany(e => e.TokenIds).ToArray(),
                TextLength = received.Sum(e => e.Text.Length),
                ToolCalls = received.SelectMany(e => e.ToolCalls ?? []).Select(c => c.Index + 1).DefaultIfEmpty(0).Max(),
                Finished = received.Any(e => e.FinishReason is not null),
            };
        }).ToArray(),
    };

    /// <summary>
    /// Each choice's resumed events are the uninterrupted stream's events after the cut, one for one (tool
    /// call ids aside, which are random; logprobs within 1e-4), so what the client has and what follows
    /// add up to the uninterrupted text, tokens and calls.
    /// </summary>
    public static void AssertContinues(IReadOnlyList<GenerationEvent> full, int cut, IReadOnlyList<GenerationEvent> resumed, int n)
    {
        for (var k = 0; k < n; k++)
        {
            var before = full.Take(cut).Where(e => e.Choice == k).ToArray();
            var expected = full.Skip(cut).Where(e => e.Choice == k).ToArray();
            var actual = resumed.Where(e => e.Choice == k).ToArray();
            try
            {
                Assert.Equal(Text(full.Where(e => e.Choice == k)), Text(before) + Text(actual));
                Assert.Equal(full.Where(e => e.Choice == k).SelectMany(e => e.TokenIds), before.Concat(actual).SelectMany(e => e.TokenIds));
                Assert.Equal(expected.Length, actual.Length);
                for (var i = 0; i < expected.Length; i++) AssertSame(expected[i], actual[i]);
            }
            catch (XunitException error)
            {
                throw new XunitException($"Resumed after {cut} events, choice {k}: {error.Message}");
            }
        }
    }

    public static string Text(IEnumerable<GenerationEvent> events) => string.Concat(events.Select(e => e.Text));

    private static void AssertSame(GenerationEvent expected, GenerationEvent actual)
    {
        Assert.Equal(
            (expected.Text, expected.FinishReason, expected.StopReason, expected.StopTokenId, expected.CompletionTokens),
            (actual.Text, actual.FinishReason, actual.StopReason, actual.StopTokenId, actual.CompletionTokens));
        Assert.Equal(expected.TokenIds, actual.TokenIds);
        Assert.Equal(Calls(expected), Calls(actual));
        Assert.Equal(expected.Logprobs?.Length, actual.Logprobs?.Length);
        foreach (var (want, got) in (expected.Logprobs ?? []).Zip(actual.Logprobs ?? []))
        {
            Assert.Equal(want.TokenId, got.TokenId);
            Assert.InRange(got.Logprob, want.Logprob - LogprobTolerance, want.Logprob + LogprobTolerance);
            Assert.Equal(want.Top.Select(t => t.TokenId), got.Top.Select(t => t.TokenId));
            foreach (var (top, gotTop) in want.Top.Zip(got.Top))
                Assert.InRange(gotTop.Logprob, top.Logprob - LogprobTolerance, top.Logprob + LogprobTolerance);
        }
    }

    // Ids are random per call: only whether a piece carries one must match.
    private static (int Index, bool HasId, string? Name, string Arguments)[] Calls(GenerationEvent e) =>
        (e.ToolCalls ?? []).Select(c => (c.Index, c.Id is not null, c.Name, c.Arguments)).ToArray();
}

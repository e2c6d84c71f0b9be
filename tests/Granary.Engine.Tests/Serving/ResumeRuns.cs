using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Serving;

/// <summary>A request run uninterrupted on one replica, then resumed on another from cuts of that stream.</summary>
internal static class ResumeRuns
{
    /// <summary>
    /// Resumes <paramref name="request"/> on <paramref name="second"/> after every prefix of its
    /// uninterrupted stream on <paramref name="first"/> (from no choice event received to all of them,
    /// unless <paramref name="cuts"/> picks some) and checks that each resumed stream is the rest of it.
    /// </summary>
    /// <returns>The uninterrupted stream's choice events.</returns>
    public static async Task<GenerationEvent[]> AssertResumesAtEveryCut(IEngine first, IEngine second, GenerationRequest request, IEnumerable<int>? cuts = null)
    {
        var n = request.Sampling.N;
        var full = StreamCut.ChoiceEvents(await EngineFixture.Collect(first, request));
        foreach (var cut in cuts ?? Enumerable.Range(0, full.Length + 1))
        {
            var resumed = await EngineFixture.Collect(second, request with { RequestId = $"{request.RequestId}-resumed-{cut}", Resume = StreamCut.At(full, cut, n) });
            Assert.NotNull(resumed[0].Prompt);
            StreamCut.AssertContinues(full, cut, StreamCut.ChoiceEvents(resumed), n);
        }
        return full;
    }
}

using System.Threading.Channels;
using Granary.Engine.Abstractions;
using Granary.Engine.Scheduling;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Scheduling;

/// <summary>A seeded request's random draws: a function of (seed, choice, position) alone.</summary>
public sealed class RequestStateTests
{
    [Fact]
    public void A_draw_depends_only_on_seed_choice_and_position()
    {
        using var request = Request(seed: 9);
        using var elsewhere = Request(seed: 9);
        var draw = Noise(request, 1, 5);
        Noise(request, 1, 6);
        Noise(request, 0, 5);

        Assert.Equal(draw, Noise(request, 1, 5)); // whatever was drawn in between
        Assert.Equal(draw, Noise(elsewhere, 1, 5)); // on another replica, with no history
        using var otherSeed = Request(seed: 10);
        Assert.NotEqual(draw, Noise(otherSeed, 1, 5));
    }

    [Fact]
    public void Every_choice_and_position_draws_differently()
    {
        using var request = Request(seed: 9);
        var draws = (from choice in Enumerable.Range(0, 3) from position in Enumerable.Range(0, 40) select string.Join(',', Noise(request, choice, position))).ToArray();
        Assert.Equal(draws.Length, draws.Distinct().Count());
    }

    [Fact]
    public void An_unseeded_request_draws_from_the_global_stream()
    {
        using var request = Request(seed: null);
        Assert.Null(request.RandomFor(0, 0));
    }

    private static RequestState Request(long? seed) =>
        new("r", [1, 2, 3], new SamplingParams { Temperature = 1.0, Seed = seed, N = 3 }, Channel.CreateUnbounded<GenerationEvent>().Writer, CPU);

    private static float[] Noise(RequestState request, int choice, int position)
    {
        using var noise = empty(8).exponential_(1.0, request.RandomFor(choice, position));
        return noise.data<float>().ToArray();
    }
}

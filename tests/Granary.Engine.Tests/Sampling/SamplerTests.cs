using Granary.Engine.Abstractions;
using Granary.Engine.Sampling;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Sampling;

/// <summary>Each sampling control against its analytic distribution, over 20,000 draws of a fixed logit vector.</summary>
public sealed class SamplerTests
{
    private const int Draws = 20_000;
    private static readonly double[] Logits = [2.0, 1.5, 1.0, 0.5, 0.0, -0.5, -1.0, -2.0];

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(1.7)]
    public void Temperature_scales_the_logits(double temperature)
    {
        var counts = Draw(new SamplingParams { Temperature = temperature });
        ChiSquare.AssertFits(counts, ChiSquare.Softmax(Logits.Select(l => l / temperature).ToArray()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Top_k_keeps_the_k_most_likely(int k)
    {
        var counts = Draw(new SamplingParams { Temperature = 1.0, TopK = k });
        ChiSquare.AssertFits(counts, ChiSquare.Softmax(Logits.Select((l, i) => i < k ? l : double.NegativeInfinity).ToArray()));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void Top_p_keeps_the_smallest_set_reaching_p(double p)
    {
        var probabilities = ChiSquare.Softmax(Logits);
        var kept = new double[Logits.Length];
        double before = 0;
        for (var i = 0; i < Logits.Length; i++) // logits are sorted: keep while the mass before is under p
        {
            kept[i] = before < p ? Logits[i] : double.NegativeInfinity;
            before += probabilities[i];
        }
        ChiSquare.AssertFits(Draw(new SamplingParams { Temperature = 1.0, TopP = p }), ChiSquare.Softmax(kept));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void Min_p_drops_tokens_below_a_share_of_the_top(double minP)
    {
        var probabilities = ChiSquare.Softmax(Logits);
        var threshold = probabilities.Max() * minP;
        var kept = Logits.Select((l, i) => probabilities[i] >= threshold ? l : double.NegativeInfinity).ToArray();
        ChiSquare.AssertFits(Draw(new SamplingParams { Temperature = 1.0, MinP = minP }), ChiSquare.Softmax(kept));
    }

    [Fact]
    public void Top_k_then_top_p_renormalise_in_that_order()
    {
        var topK = ChiSquare.Softmax(Logits.Select((l, i) => i < 4 ? l : double.NegativeInfinity).ToArray());
        var kept = new double[Logits.Length];
        double before = 0;
        for (var i = 0; i < Logits.Length; i++)
        {
            kept[i] = i < 4 && before < 0.7 ? Logits[i] : double.NegativeInfinity;
            before += topK[i];
        }
        ChiSquare.AssertFits(Draw(new SamplingParams { Temperature = 1.0, TopK = 4, TopP = 0.7 }), ChiSquare.Softmax(kept));
    }

    [Fact]
    public void Presence_and_frequency_penalties_subtract_from_generated_tokens()
    {
        int[] output = [0, 0, 0, 2, 5];
        var sampling = new SamplingParams { Temperature = 1.0, PresencePenalty = 0.5, FrequencyPenalty = 0.3 };
        var expected = Logits.Select((l, i) =>
        {
            var count = output.Count(t => t == i);
            return l - 0.3 * count - (count > 0 ? 0.5 : 0);
        }).ToArray();
        ChiSquare.AssertFits(Draw(sampling, output: output), ChiSquare.Softmax(expected));
    }

    [Fact]
    public void Repetition_penalty_divides_positive_and_multiplies_negative_logits_of_seen_tokens()
    {
        int[] prompt = [1, 6];
        int[] output = [3];
        var sampling = new SamplingParams { Temperature = 1.0, RepetitionPenalty = 1.8 };
        var seen = prompt.Concat(output).ToHashSet();
        var expected = Logits.Select((l, i) => !seen.Contains(i) ? l : l > 0 ? l / 1.8 : l * 1.8).ToArray();
        ChiSquare.AssertFits(Draw(sampling, prompt, output), ChiSquare.Softmax(expected));
    }

    [Fact]
    public void Logit_bias_adds_to_the_logits()
    {
        var sampling = new SamplingParams { Temperature = 1.0, LogitBias = new Dictionary<int, double> { [7] = 3.0, [0] = -100 } };
        var expected = Logits.Select((l, i) => i == 7 ? l + 3 : i == 0 ? l - 100 : l).ToArray();
        var probabilities = ChiSquare.Softmax(expected);
        probabilities[0] = 0; // e^-98 relative: never drawn in 20,000
        ChiSquare.AssertFits(Draw(sampling), probabilities);
    }

    [Fact]
    public void Min_tokens_blocks_eos_and_stop_tokens_until_reached()
    {
        var sampling = new SamplingParams { Temperature = 1.0, MinTokens = 3, StopTokenIds = [1] };
        var expected = Logits.Select((l, i) => i is 0 or 1 ? double.NegativeInfinity : l).ToArray();
        ChiSquare.AssertFits(Draw(sampling, output: [4, 4], eos: [0]), ChiSquare.Softmax(expected));
        ChiSquare.AssertFits(Draw(sampling, output: [4, 4, 4], eos: [0]), ChiSquare.Softmax(Logits));
    }

    [Fact]
    public void Greedy_takes_the_argmax_after_processors()
    {
        var rows = Draw(new SamplingParams { Temperature = 0, LogitBias = new Dictionary<int, double> { [4] = 10 } }, draws: 5);
        Assert.Equal(5, rows[4]);
    }

    [Fact]
    public void Seeded_rows_repeat_and_do_not_depend_on_their_neighbours()
    {
        int[] Sample(long seed, int neighbours)
        {
            using var generator = new Generator((ulong)seed);
            var rows = new List<SamplingRow> { Row(new SamplingParams { Temperature = 1.0, Seed = seed }, generator) };
            rows.AddRange(Enumerable.Range(0, neighbours).Select(_ => Row(new SamplingParams { Temperature = 1.0 })));
            var sequence = new List<int>();
            for (var step = 0; step < 50; step++)
            {
                using var logits = tensor(Logits.Select(l => (float)l).ToArray()).unsqueeze(0).repeat(rows.Count, 1);
                sequence.Add(Sampler.Sample(logits, rows).TokenIds[0]);
            }
            return sequence.ToArray();
        }

        Assert.Equal(Sample(42, 0), Sample(42, 0));
        Assert.Equal(Sample(42, 0), Sample(42, 7));
        Assert.NotEqual(Sample(42, 0), Sample(43, 0));
    }

    [Fact]
    public void Logprobs_are_the_raw_log_softmax_whatever_the_sampling()
    {
        var row = Row(new SamplingParams { Temperature = 0.3, TopK = 2, Logprobs = 3 });
        using var logits = tensor(Logits.Select(l => (float)l).ToArray()).unsqueeze(0);
        var output = Sampler.Sample(logits, [row]);
        var expected = ChiSquare.Softmax(Logits).Select(p => Math.Log(p)).ToArray();

        Assert.Equal(expected[output.TokenIds[0]], output.SampledLogprobs![0], 5);
        Assert.Equal([0L, 1L, 2L], output.TopIds![0]);
        Assert.Equal(expected[..3], output.TopLogprobs![0].Select(v => (double)v), new ToleranceComparer(1e-5));
    }

    private static int[] Draw(SamplingParams sampling, int[]? prompt = null, int[]? output = null, int[]? eos = null, int draws = Draws)
    {
        // A fixed seed: a 0.1%-level test over many cases would otherwise fail now and then by chance alone.
        using var generator = new Generator(20261206);
        var row = Row(sampling, generator, prompt, output, eos);
        using var logits = tensor(Logits.Select(l => (float)l).ToArray()).unsqueeze(0).repeat(draws, 1);
        var sampled = Sampler.Sample(logits, Enumerable.Repeat(row, draws).ToArray()).TokenIds;
        var counts = new int[Logits.Length];
        foreach (var token in sampled) counts[token]++;
        return counts;
    }

    private static SamplingRow Row(SamplingParams sampling, Generator? generator = null, int[]? prompt = null, int[]? output = null, int[]? eos = null) =>
        new(sampling, generator, prompt ?? [], output ?? [], eos ?? []);

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}

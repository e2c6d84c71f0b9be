using Granary.Engine.Generation;
using Granary.Engine.Loading;
using Granary.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Models;

/// <summary>
/// Random-weight models of every architecture and config variant against the independent
/// double-precision reference: full prefill, chunked prefill, and cached decode.
/// </summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string> Variants() => new(TinyConfigs.All.Keys);

    [Theory]
    [MemberData(nameof(Variants))]
    public void Full_prefill_matches_the_reference(string variant)
    {
        using var dir = WriteModel(variant);
        var served = ServedLength(variant);
        using var model = ModelLoader.Load(dir.Path, maxModelLength: served);
        using var runner = new Runner(model);
        var prompt = Prompt(14);

        var actual = runner.Logits([new ScheduledChunk(prompt, 0, runner.Blocks(prompt.Length), AllLogits: true)]);

        var expected = new ReferenceTransformer(dir.Path).Forward(prompt, served);
        Assert.InRange(RelativeError(actual, expected), 0, 1e-4);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Chunked_prefill_and_cached_decode_match_the_reference(string variant) => ChunkedPrefillAndDecode(variant, "float32");

    /// <summary>In float64 no CPU kernel applies: the libtorch norm, rotary, SDPA and eager attention paths (GPU's) are checked.</summary>
    [Theory]
    [MemberData(nameof(Variants))]
    public void Libtorch_paths_match_the_reference(string variant) => ChunkedPrefillAndDecode(variant, "float64");

    private static void ChunkedPrefillAndDecode(string variant, string dtype)
    {
        using var dir = WriteModel(variant);
        var served = ServedLength(variant);
        using var model = ModelLoader.Load(dir.Path, dtype: dtype, maxModelLength: served);
        using var runner = new Runner(model);
        var reference = new ReferenceTransformer(dir.Path);
        var tokens = Prompt(18);
        var blocks = runner.Blocks(tokens.Length);

        // Prefill 14 tokens as chunks of 5, 5 and 4, then decode the last 4 one at a time.
        int[][] steps = [tokens[..5], tokens[5..10], tokens[10..14], tokens[14..15], tokens[15..16], tokens[16..17], tokens[17..18]];
        var position = 0;
        foreach (var step in steps)
        {
            var actual = runner.Logits([new ScheduledChunk(step, position, blocks, AllLogits: true)]);
            position += step.Length;
            // With LongRoPE the engine keeps one factor set for a sequence's whole life (the cache's keys
            // stay valid): the reference is HF's forward of a sequence of the served length.
            var expected = reference.Forward(tokens[..position], served)[^step.Length..];
            Assert.InRange(RelativeError(actual, expected), 0, 1e-4);
        }
    }

    [Theory]
    [InlineData("phi3_longrope_short_factors_window_5", null, 128)]
    [InlineData("phi3_longrope_long_factors", 8, 128)]
    public void LongRoPE_takes_long_factors_only_when_serving_past_the_original_length(string variant, int? withinOriginal, int beyondOriginal)
    {
        using var dir = WriteModel(variant);
        var prompt = Prompt(14);
        float[] Logits(int? served)
        {
            using var model = ModelLoader.Load(dir.Path, maxModelLength: served);
            using var runner = new Runner(model);
            return runner.Logits([new ScheduledChunk(prompt, 0, runner.Blocks(prompt.Length), AllLogits: true)]);
        }

        var reference = new ReferenceTransformer(dir.Path);
        var original = TinyConfigs.All[variant]()["original_max_position_embeddings"]!.GetValue<int>();
        var (short_, long_) = (reference.Forward(prompt, ropeSequenceLength: original), reference.Forward(prompt, ropeSequenceLength: original + 1));
        var (shortLogits, longLogits) = (Logits(withinOriginal), Logits(beyondOriginal));
        Assert.InRange(RelativeError(shortLogits, short_), 0, 1e-4);
        Assert.InRange(RelativeError(longLogits, long_), 0, 1e-4);
        Assert.True(RelativeError(shortLogits, long_) > 1e-2, "the factor sets should give visibly different logits");
    }

    private static int? ServedLength(string variant) => TinyConfigs.MaxModelLength.TryGetValue(variant, out var length) ? length : null;

    private static TempDirectory WriteModel(string variant)
    {
        var dir = new TempDirectory();
        RandomModelWriter.Write(TinyConfigs.All[variant](), dir.Path, ScalarType.Float32, seed: 7, std: 0.3, normStd: 0.2);
        return dir;
    }

    private static int[] Prompt(int length) => Enumerable.Range(0, length).Select(i => (i * 37 + 11) % 64).ToArray();

    private static double RelativeError(float[] actual, double[][] expected)
    {
        var flat = expected.SelectMany(r => r).ToArray();
        Assert.Equal(flat.Length, actual.Length);
        double maxDiff = 0, maxRef = 0;
        for (var i = 0; i < flat.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - flat[i]));
            maxRef = Math.Max(maxRef, Math.Abs(flat[i]));
        }
        return maxDiff / maxRef;
    }
}

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
        using var model = ModelLoader.Load(dir.Path);
        using var runner = new Runner(model);
        var prompt = Prompt(14);

        var actual = runner.Logits([new ScheduledChunk(prompt, 0, runner.Blocks(prompt.Length), AllLogits: true)]);

        var expected = new ReferenceTransformer(dir.Path).Forward(prompt);
        Assert.InRange(RelativeError(actual, expected), 0, 1e-4);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Chunked_prefill_and_cached_decode_match_the_reference(string variant)
    {
        using var dir = WriteModel(variant);
        using var model = ModelLoader.Load(dir.Path);
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
            var expected = reference.Forward(tokens[..position])[^step.Length..];
            Assert.InRange(RelativeError(actual, expected), 0, 1e-4);
        }
    }

    private static TempDirectory WriteModel(string variant)
    {
        var dir = new TempDirectory();
        RandomModelWriter.Write(TinyConfigs.All[variant](), dir.Path, ScalarType.Float32, seed: 7, std: 0.3);
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

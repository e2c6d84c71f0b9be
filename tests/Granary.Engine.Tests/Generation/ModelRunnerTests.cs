using Granary.Engine.Generation;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Generation;

public sealed class ModelRunnerTests
{
    [Theory]
    [InlineData("tiny-llama3")]
    [InlineData("tiny-qwen3")]
    public void Batched_greedy_equals_unbatched_greedy_for_mixed_lengths(string name)
    {
        var model = TinyModels.Get(name);
        var prompts = Fixtures.Golden(name).Select(c => c.Ids).ToArray();
        const int steps = 12;

        int[][] alone;
        using (var runner = new Runner(model))
            alone = prompts.Select(p => runner.Greedy(p, steps)).ToArray();

        using var batched = new Runner(model, numBlocks: 128);
        var blocks = prompts.Select(p => batched.Blocks(p.Length + steps)).ToArray();
        var outputs = prompts.Select(_ => new List<int>()).ToArray();
        var vocab = model.Config.VocabSize;

        // Step 0 prefills the first two prompts; step 1 decodes them while prefilling the rest.
        Append(batched.Logits([Prefill(0), Prefill(1)]), [0, 1]);
        Append(batched.Logits([Decode(0), Prefill(2), Decode(1), Prefill(3)]), [0, 2, 1, 3]);
        while (outputs.Any(o => o.Count < steps))
        {
            var active = Enumerable.Range(0, prompts.Length).Where(i => outputs[i].Count < steps).ToArray();
            Append(batched.Logits(active.Select(Decode).ToArray()), active);
        }

        for (var i = 0; i < prompts.Length; i++)
            Assert.Equal(alone[i], outputs[i]);

        ScheduledChunk Prefill(int i) => new(prompts[i], 0, blocks[i]);
        ScheduledChunk Decode(int i) => new([outputs[i][^1]], prompts[i].Length + outputs[i].Count - 1, blocks[i]);
        void Append(float[] logits, int[] sequences)
        {
            for (var k = 0; k < sequences.Length; k++)
                outputs[sequences[k]].Add(Runner.ArgMax(logits.AsSpan(k * vocab, vocab)));
        }
    }

    [Fact]
    public void Greedy_with_the_cache_equals_greedy_by_full_forward()
    {
        var model = TinyModels.Get("tiny-qwen3");
        var prompt = Fixtures.Golden("tiny-qwen3")[3].Ids;
        using var cached = new Runner(model);
        var withCache = cached.Greedy(prompt, 16);

        var sequence = prompt.ToList();
        for (var i = 0; i < 16; i++)
        {
            using var fresh = new Runner(model);
            sequence.Add(Runner.ArgMax(fresh.Logits([new ScheduledChunk(sequence, 0, fresh.Blocks(sequence.Count))])));
        }
        Assert.Equal(sequence.Skip(prompt.Length), withCache);
    }

    [Fact]
    public void A_chunk_beyond_its_blocks_is_rejected()
    {
        using var runner = new Runner(TinyModels.Get("tiny-llama3"), blockSize: 4);
        Assert.Throws<ArgumentException>(() => runner.ModelRunner.Execute([new ScheduledChunk([1, 2, 3, 4, 5], 0, runner.Blocks(4))]));
    }
}

using Granary.Engine.Generation;
using Granary.Engine.Loading;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Support;

/// <summary>A model runner with its own small KV cache, and block tables handed out per sequence.</summary>
internal sealed class Runner : IDisposable
{
    private int _nextBlock;

    public Runner(LoadedModel model, int numBlocks = 64, int blockSize = 4)
    {
        var c = model.Config;
        Cache = new KvCache.KvCache(c.NumHiddenLayers, numBlocks, blockSize, c.NumKeyValueHeads, c.HeadDim, model.Dtype, model.Device);
        ModelRunner = new ModelRunner(model, Cache);
    }

    public KvCache.KvCache Cache { get; }

    public ModelRunner ModelRunner { get; }

    public int[] Blocks(int tokens)
    {
        var blocks = new int[(tokens + Cache.BlockSize - 1) / Cache.BlockSize];
        for (var i = 0; i < blocks.Length; i++)
        {
            if (_nextBlock == Cache.NumBlocks) throw new InvalidOperationException("test cache too small");
            blocks[i] = _nextBlock++;
        }
        return blocks;
    }

    public float[] Logits(IReadOnlyList<ScheduledChunk> chunks)
    {
        using var logits = ModelRunner.Execute(chunks)!;
        return logits.data<float>().ToArray();
    }

    /// <summary>Greedy decoding with the cache: prefill once, then one token per step.</summary>
    public int[] Greedy(IReadOnlyList<int> prompt, int steps)
    {
        var blocks = Blocks(prompt.Count + steps);
        var output = new List<int>();
        var next = ArgMax(Logits([new ScheduledChunk(prompt, 0, blocks)]));
        output.Add(next);
        for (var i = 1; i < steps; i++)
        {
            next = ArgMax(Logits([new ScheduledChunk([next], prompt.Count + i - 1, blocks)]));
            output.Add(next);
        }
        return output.ToArray();
    }

    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
            if (row[i] > row[best]) best = i;
        return best;
    }

    public void Dispose() => Cache.Dispose();
}

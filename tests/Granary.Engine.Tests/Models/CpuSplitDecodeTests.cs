using Granary.Engine.Generation;
using Granary.Engine.Loading;
using Granary.Engine.Tests.Support;
using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Models;

/// <summary>
/// The CPU mat-vec path computes every output row the same way however its rows are split, and the
/// gate/up product's SiLU pass uses the separate activation's formula: logits are bitwise the same
/// on one core (no workers, one part) and on two or three.
/// </summary>
public sealed class CpuSplitDecodeTests
{
    [Fact]
    public void Decode_logits_are_bitwise_the_same_however_many_cores_split_the_products()
    {
        // Wide enough that every projection is split (at least 2^18 weights): qkv, o, gate/up, down.
        var config = TinyConfigs.Base("LlamaForCausalLM", "llama");
        config["hidden_size"] = 512;
        config["intermediate_size"] = 1024;
        config["num_attention_heads"] = 8;
        config["num_key_value_heads"] = 4;
        using var dir = new TempDirectory();
        RandomModelWriter.Write(config, dir.Path, ScalarType.Float32, seed: 7, std: 0.3, normStd: 0.2);
        var tokens = Enumerable.Range(0, 9).Select(i => (i * 37 + 11) % 64).ToArray();

        float[][] Steps(int parallelism)
        {
            using var workers = new CpuWorkers(parallelism - 1);
            using var model = ModelLoader.Load(dir.Path, workers: workers);
            using var runner = new Runner(model);
            var blocks = runner.Blocks(tokens.Length);
            // A 6-token prefill (the many-input kernel), then three single-token decode steps.
            var steps = new List<float[]> { runner.Logits([new ScheduledChunk(tokens[..6], 0, blocks, AllLogits: true)]) };
            for (var position = 6; position < tokens.Length; position++)
                steps.Add(runner.Logits([new ScheduledChunk(tokens[position..(position + 1)], position, blocks, AllLogits: true)]));
            return steps.ToArray();
        }

        var one = Steps(1);
        Assert.Equal(one, Steps(2));
        Assert.Equal(one, Steps(3));
    }
}

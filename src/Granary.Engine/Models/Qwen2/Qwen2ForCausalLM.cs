using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;

namespace Granary.Engine.Models.Qwen2;

/// <summary>Qwen2ForCausalLM: Llama's layout with biases on q/k/v (never on o_proj) and per-layer sliding windows.</summary>
internal sealed class Qwen2ForCausalLM(ModelConfig config, WeightLoader weights)
    : LlamaForCausalLM(config, weights, WeightNames.Llama,
        (w, prefix, c, layer, names) => new LlamaAttention(w, prefix, c, layer, names, qkvBias: true, outputBias: false))
{
    public static new readonly ArchitectureDefaults Defaults = new() { SlidingWindows = ArchitectureDefaults.QwenSlidingWindows };
}

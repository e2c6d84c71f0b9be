using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;

namespace Granary.Engine.Models.Qwen3;

/// <summary>Qwen3ForCausalLM: Llama's layout with Qwen3Attention (q/k norms, explicit head_dim).</summary>
internal sealed class Qwen3ForCausalLM(ModelConfig config, WeightLoader weights)
    : LlamaForCausalLM(config, weights, WeightNames.Llama, (w, prefix, c, layer, names) => new Qwen3Attention(w, prefix, c, layer, names))
{
    public static new readonly ArchitectureDefaults Defaults = new() { SlidingWindows = ArchitectureDefaults.QwenSlidingWindows };
}

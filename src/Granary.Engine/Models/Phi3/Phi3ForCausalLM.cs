using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;

namespace Granary.Engine.Models.Phi3;

/// <summary>
/// Phi3ForCausalLM: Llama's layout with q/k/v packed in <c>qkv_proj</c> and gate/up in
/// <c>gate_up_proj</c>, no biases, an optional window on every layer, and LongRoPE in the 128k
/// variants (see <see cref="RopeFrequencies"/>).
/// </summary>
internal sealed class Phi3ForCausalLM(ModelConfig config, WeightLoader weights)
    : LlamaForCausalLM(config, weights, WeightNames.Packed,
        (w, prefix, c, layer, names) => new LlamaAttention(w, prefix, c, layer, names, qkvBias: false, outputBias: false))
{
    public static new readonly ArchitectureDefaults Defaults = new() { SlidingWindows = ArchitectureDefaults.OptionalUniformSlidingWindow };
}

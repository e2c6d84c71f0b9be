using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;

namespace Granary.Engine.Models.Mistral;

/// <summary>MistralForCausalLM: Llama's layout with sliding-window attention on every layer.</summary>
internal sealed class MistralForCausalLM(ModelConfig config, WeightLoader weights) : LlamaForCausalLM(config, weights)
{
    public static new readonly ArchitectureDefaults Defaults = new() { SlidingWindows = ArchitectureDefaults.UniformSlidingWindow };
}

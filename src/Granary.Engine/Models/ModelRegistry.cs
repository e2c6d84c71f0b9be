using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;
using Granary.Engine.Models.Mistral;
using Granary.Engine.Models.Qwen2;
using Granary.Engine.Models.Qwen3;

namespace Granary.Engine.Models;

/// <summary>The architectures (config.json "architectures") the engine can run.</summary>
internal static class ModelRegistry
{
    private sealed record Entry(ArchitectureDefaults Defaults, Func<ModelConfig, WeightLoader, CausalLM> Create);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        ["LlamaForCausalLM"] = new(LlamaForCausalLM.Defaults, (c, w) => new LlamaForCausalLM(c, w)),
        ["MistralForCausalLM"] = new(MistralForCausalLM.Defaults, (c, w) => new MistralForCausalLM(c, w)),
        ["Qwen2ForCausalLM"] = new(Qwen2ForCausalLM.Defaults, (c, w) => new Qwen2ForCausalLM(c, w)),
        ["Qwen3ForCausalLM"] = new(Qwen3ForCausalLM.Defaults, (c, w) => new Qwen3ForCausalLM(c, w)),
    };


    /// <summary>Reads config.json, picking the first listed architecture the engine supports.</summary>
    public static ModelConfig ReadConfig(JsonConfig config)
    {
        var listed = config.GetStringList("architectures");
        var architecture = listed.FirstOrDefault(Entries.ContainsKey)
            ?? throw new ModelLoadException(
                $"{config.FileName}: architectures [{string.Join(", ", listed)}] are not supported; supported: {string.Join(", ", Entries.Keys)}");
        return ModelConfig.Read(config, architecture, Entries[architecture].Defaults);
    }

    public static CausalLM Create(ModelConfig config, WeightLoader weights) => Entries[config.Architecture].Create(config, weights);
}

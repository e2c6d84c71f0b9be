using Granary.Engine.Configuration;
using Granary.Engine.Models.Gemma2;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;
using Granary.Engine.Models.Llava;
using Granary.Engine.Models.Mistral;
using Granary.Engine.Models.Phi3;
using Granary.Engine.Models.Qwen2;
using Granary.Engine.Models.Qwen3;

namespace Granary.Engine.Models;

/// <summary>The architectures (config.json "architectures") the engine can run: how to read each one's config, and build it.</summary>
internal static class ModelRegistry
{
    private sealed record Entry(Func<JsonConfig, string, ModelConfig> ReadConfig, Func<ModelConfig, WeightLoader, CausalLM> Create);

    private static Entry LlamaShaped(ArchitectureDefaults defaults, Func<ModelConfig, WeightLoader, CausalLM> create) =>
        new((config, architecture) => ModelConfig.Read(config, architecture, defaults), create);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        ["LlamaForCausalLM"] = LlamaShaped(LlamaForCausalLM.Defaults, (c, w) => new LlamaForCausalLM(c, w)),
        ["MistralForCausalLM"] = LlamaShaped(MistralForCausalLM.Defaults, (c, w) => new MistralForCausalLM(c, w)),
        ["Qwen2ForCausalLM"] = LlamaShaped(Qwen2ForCausalLM.Defaults, (c, w) => new Qwen2ForCausalLM(c, w)),
        ["Qwen3ForCausalLM"] = LlamaShaped(Qwen3ForCausalLM.Defaults, (c, w) => new Qwen3ForCausalLM(c, w)),
        ["Phi3ForCausalLM"] = LlamaShaped(Phi3ForCausalLM.Defaults, (c, w) => new Phi3ForCausalLM(c, w)),
        ["Gemma2ForCausalLM"] = new(Gemma2Config.Read, (c, w) => new Gemma2ForCausalLM((Gemma2Config)c, w)),
        ["LlavaForConditionalGeneration"] = new(LlavaConfig.Read, (c, w) => new LlavaForConditionalGeneration((LlavaConfig)c, w)),
    };

    public static IEnumerable<string> Architectures => Entries.Keys;

    /// <summary>Reads config.json, picking the first listed architecture the engine supports.</summary>
    public static ModelConfig ReadConfig(JsonConfig config)
    {
        var listed = config.GetStringList("architectures");
        var architecture = listed.FirstOrDefault(Entries.ContainsKey)
            ?? throw new ModelLoadException(
                $"{config.FileName}: architectures [{string.Join(", ", listed)}] are not supported; supported: {string.Join(", ", Entries.Keys)}");
        return ReadConfig(config, architecture);
    }

    /// <summary>Reads a config (or a multimodal config's text_config) as the given architecture's.</summary>
    public static ModelConfig ReadConfig(JsonConfig config, string architecture) =>
        Entries.TryGetValue(architecture, out var entry)
            ? entry.ReadConfig(config, architecture)
            : throw new ModelLoadException($"{config.FileName}: architecture {architecture} is not supported; supported: {string.Join(", ", Entries.Keys)}");

    public static CausalLM Create(ModelConfig config, WeightLoader weights) => Entries[config.Architecture].Create(config, weights);
}

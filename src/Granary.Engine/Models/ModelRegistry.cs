using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;
using Granary.Engine.Models.Llava;
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
        ["LlavaForConditionalGeneration"] = new(LlavaForConditionalGeneration.Defaults, (c, w) => new LlavaForConditionalGeneration(c, w)),
    };

    /// <summary>Composite configs whose text model's fields sit in text_config.</summary>
    private static readonly HashSet<string> VisionLanguage = ["LlavaForConditionalGeneration"];


    /// <summary>Reads config.json, picking the first listed architecture the engine supports.</summary>
    public static ModelConfig ReadConfig(JsonConfig config)
    {
        var listed = config.GetStringList("architectures");
        var architecture = listed.FirstOrDefault(Entries.ContainsKey)
            ?? throw new ModelLoadException(
                $"{config.FileName}: architectures [{string.Join(", ", listed)}] are not supported; supported: {string.Join(", ", Entries.Keys)}");
        if (!VisionLanguage.Contains(architecture)) return ModelConfig.Read(config, architecture, Entries[architecture].Defaults);
        var text = config.GetObject("text_config") ?? throw new ModelLoadException($"{config.FileName}: text_config is missing");
        var textType = text.GetString("model_type") ?? "llama";
        if (textType is not ("llama" or "mistral"))
            throw new ModelLoadException($"{config.FileName}: a {textType} text model is not supported in {architecture} (supported: llama, mistral)");
        var read = ModelConfig.Read(text, architecture, Entries[architecture].Defaults);
        return read with
        {
            Llava = LlavaConfig.Read(config),
            Dtype = read.Dtype ?? config.GetString("dtype") ?? config.GetString("torch_dtype"),
        };
    }

    public static CausalLM Create(ModelConfig config, WeightLoader weights) => Entries[config.Architecture].Create(config, weights);
}

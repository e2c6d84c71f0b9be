using Granary.Engine.Configuration;
using Granary.Engine.Models;
using Granary.Engine.Models.Layers;
using Granary.Engine.Torch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Loading;

/// <summary>Loads a Hugging Face model folder (config.json + safetensors) onto a device.</summary>
internal static class ModelLoader
{
    /// <param name="maxModelLength">
    /// The longest sequence the engine will serve, when known; it fixes LongRoPE's factor set (see
    /// <see cref="RopeFrequencies"/>). Null leaves the choice transformers makes for sequences within
    /// original_max_position_embeddings.
    /// </param>
    public static LoadedModel Load(string modelDirectory, string device = "cpu", string dtype = "auto", ILogger? logger = null,
        IProgress<double>? progress = null, CpuWorkers? workers = null, int? maxModelLength = null)
    {
        logger ??= NullLogger.Instance;
        var config = ReadConfig(modelDirectory) with { MaxModelLength = maxModelLength };
        var generation = GenerationConfig.Load(modelDirectory);
        var target = TorchRuntime.Initialize(device);
        var scalarType = TorchRuntime.ResolveDtype(dtype, target, config.Dtype);

        using var checkpoint = Checkpoint.Open(modelDirectory, progress);
        using var noGrad = no_grad();
        var model = ModelRegistry.Create(config, new WeightLoader(checkpoint, scalarType, target, target.type == DeviceType.CPU ? workers : null));

        var unused = checkpoint.Unused.Where(n => !IsIgnorable(n, config)).ToArray();
        if (unused.Length > 0)
            logger.LogWarning("{Count} checkpoint tensors were not used: {Names}", unused.Length, string.Join(", ", unused.Take(10)));
        return new LoadedModel(model, config, generation, target, scalarType);
    }

    public static ModelConfig ReadConfig(string modelDirectory) =>
        ModelRegistry.ReadConfig(JsonConfig.Load(Path.Combine(modelDirectory, "config.json")));

    // Old checkpoints carry rotary buffers; tied models may still ship lm_head; a vision tower's pooled head and
    // the layers past vision_feature_layer are never run, so they are not loaded.
    private static bool IsIgnorable(string name, ModelConfig config) =>
        name.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal) || (config.TieWordEmbeddings && name.EndsWith("lm_head.weight", StringComparison.Ordinal))
        || (config is Models.Llava.LlavaConfig && name.Contains("vision_tower.", StringComparison.Ordinal)
            && (name.Contains("post_layernorm.", StringComparison.Ordinal) || name.Contains(".encoder.layers.", StringComparison.Ordinal)));
}

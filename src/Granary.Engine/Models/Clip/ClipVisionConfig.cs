using Granary.Engine.Configuration;

namespace Granary.Engine.Models.Clip;

/// <summary>CLIPVisionConfig: the fields the vision tower uses, with its defaults.</summary>
internal sealed record ClipVisionConfig
{
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumAttentionHeads { get; init; }
    public required int NumChannels { get; init; }
    public required int ImageSize { get; init; }
    public required int PatchSize { get; init; }
    public required double LayerNormEps { get; init; }
    public required string HiddenAct { get; init; }

    /// <summary>Patches per side of the square input.</summary>
    public int GridSize => ImageSize / PatchSize;

    public int NumPatches => GridSize * GridSize;

    public static ClipVisionConfig Read(JsonConfig json)
    {
        var config = new ClipVisionConfig
        {
            HiddenSize = json.GetInt("hidden_size") ?? 768,
            IntermediateSize = json.GetInt("intermediate_size") ?? 3072,
            NumHiddenLayers = json.GetInt("num_hidden_layers") ?? 12,
            NumAttentionHeads = json.GetInt("num_attention_heads") ?? 12,
            NumChannels = json.GetInt("num_channels") ?? 3,
            ImageSize = json.GetInt("image_size") ?? 224,
            PatchSize = json.GetInt("patch_size") ?? 32,
            LayerNormEps = json.GetDouble("layer_norm_eps") ?? 1e-5,
            HiddenAct = json.GetString("hidden_act") ?? "quick_gelu",
        };
        if (config.NumChannels != 3)
            throw new ModelLoadException($"{json.FileName}: num_channels {config.NumChannels} is not supported (RGB only)");
        if (config.HiddenSize % config.NumAttentionHeads != 0)
            throw new ModelLoadException($"{json.FileName}: hidden_size {config.HiddenSize} is not a multiple of num_attention_heads {config.NumAttentionHeads}");
        Layers.VisionActivations.Get(config.HiddenAct);
        return config;
    }
}

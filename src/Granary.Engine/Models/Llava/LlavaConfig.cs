using System.Diagnostics.CodeAnalysis;
using Granary.Engine.Configuration;
using Granary.Engine.Models.Clip;

namespace Granary.Engine.Models.Llava;

/// <summary>
/// LlavaConfig: the text model's fields (read from text_config as its own architecture's, so the
/// shared fields are the text model's) plus the vision tower, projector and image token.
/// </summary>
internal sealed record LlavaConfig : ModelConfig
{
    /// <summary>text_config model_type → the architecture whose modules and config reader the text model uses.</summary>
    private static readonly Dictionary<string, string> TextArchitectures = new(StringComparer.Ordinal)
    {
        ["llama"] = "LlamaForCausalLM",
        ["mistral"] = "MistralForCausalLM",
    };

    [SetsRequiredMembers]
    private LlavaConfig(ModelConfig text, ClipVisionConfig vision, string strategy, string projectorAct) : base(text)
    {
        Text = text;
        Vision = vision;
        VisionFeatureSelectStrategy = strategy;
        ProjectorHiddenAct = projectorAct;
    }

    /// <summary>The text model's own config, as its architecture reads it.</summary>
    public ModelConfig Text { get; }

    public required ClipVisionConfig Vision { get; init; }
    public required int ImageTokenIndex { get; init; }
    public required int VisionFeatureLayer { get; init; }

    /// <summary>"default" drops the CLS token from the features; "full" keeps it.</summary>
    public required string VisionFeatureSelectStrategy { get; init; }

    public required string ProjectorHiddenAct { get; init; }
    public required bool MultimodalProjectorBias { get; init; }

    public static ModelConfig Read(JsonConfig json, string architecture)
    {
        var textJson = json.GetObject("text_config") ?? throw new ModelLoadException($"{json.FileName}: text_config is missing");
        var textType = textJson.GetString("model_type") ?? "llama";
        if (!TextArchitectures.TryGetValue(textType, out var textArchitecture))
            throw new ModelLoadException($"{json.FileName}: a {textType} text model is not supported in {architecture} (supported: {string.Join(", ", TextArchitectures.Keys)})");
        var text = ModelRegistry.ReadConfig(textJson, textArchitecture);
        text = text with { Dtype = text.Dtype ?? json.GetString("dtype") ?? json.GetString("torch_dtype") };

        var vision = json.GetObject("vision_config") ?? throw new ModelLoadException($"{json.FileName}: vision_config is missing");
        var visionType = vision.GetString("model_type") ?? "clip_vision_model";
        if (visionType != "clip_vision_model")
            throw new ModelLoadException($"{json.FileName}: vision_config model_type '{visionType}' is not supported (supported: clip_vision_model)");
        if (json["vision_feature_layer"] is System.Text.Json.Nodes.JsonArray)
            throw new ModelLoadException($"{json.FileName}: a list of vision_feature_layer values is not supported");
        var strategy = json.GetString("vision_feature_select_strategy") ?? "default";
        if (strategy is not ("default" or "full"))
            throw new ModelLoadException($"{json.FileName}: vision_feature_select_strategy '{strategy}' is not supported (supported: default, full)");
        var act = json.GetString("projector_hidden_act") ?? "gelu";
        Layers.VisionActivations.Get(act);
        return new LlavaConfig(text, ClipVisionConfig.Read(vision), strategy, act)
        {
            Architecture = architecture,
            ImageTokenIndex = json.GetInt("image_token_index") ?? json.GetInt("image_token_id") ?? 32000,
            VisionFeatureLayer = json.GetInt("vision_feature_layer") ?? -2,
            MultimodalProjectorBias = json.GetBool("multimodal_projector_bias") ?? true,
        };
    }
}

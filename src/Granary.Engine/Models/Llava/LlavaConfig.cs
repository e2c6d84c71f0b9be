using Granary.Engine.Configuration;
using Granary.Engine.Models.Clip;

namespace Granary.Engine.Models.Llava;

/// <summary>LlavaConfig's own fields (the text model's are the <see cref="ModelConfig"/> read from text_config).</summary>
internal sealed record LlavaConfig
{
    public required ClipVisionConfig Vision { get; init; }
    public required int ImageTokenIndex { get; init; }
    public required int VisionFeatureLayer { get; init; }

    /// <summary>"default" drops the CLS token from the features; "full" keeps it.</summary>
    public required string VisionFeatureSelectStrategy { get; init; }

    public required string ProjectorHiddenAct { get; init; }
    public required bool MultimodalProjectorBias { get; init; }

    public static LlavaConfig Read(JsonConfig json)
    {
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
        Layers.Activations.Get(act);
        return new LlavaConfig
        {
            Vision = ClipVisionConfig.Read(vision),
            ImageTokenIndex = json.GetInt("image_token_index") ?? json.GetInt("image_token_id") ?? 32000,
            VisionFeatureLayer = json.GetInt("vision_feature_layer") ?? -2,
            VisionFeatureSelectStrategy = strategy,
            ProjectorHiddenAct = act,
            MultimodalProjectorBias = json.GetBool("multimodal_projector_bias") ?? true,
        };
    }
}

using Granary.Engine.Models.Layers;

namespace Granary.Engine.Models.Llava;

/// <summary>
/// Where a LLaVA checkpoint keeps its parts. llava-hf's original layout nests the CLIP model
/// (vision_tower.vision_model.*, language_model.model.*, language_model.lm_head); transformers 5
/// saves vision_tower.* flat; transformers ≥4.52 in memory is model.{vision_tower,language_model,…} + lm_head.
/// </summary>
internal sealed record LlavaWeightNames(string VisionTower, string Projector, WeightNames LanguageModel)
{
    public static LlavaWeightNames Resolve(WeightLoader weights)
    {
        string Find(string what, string suffix, params string[] prefixes) =>
            prefixes.FirstOrDefault(p => weights.Contains($"{p}.{suffix}"))
            ?? throw new ModelLoadException($"the checkpoint has no {what} (looked for {string.Join(", ", prefixes.Select(p => $"{p}.{suffix}"))})");

        return new LlavaWeightNames(
            Find("vision tower", "embeddings.class_embedding",
                "vision_tower", "vision_tower.vision_model", "model.vision_tower", "model.vision_tower.vision_model"),
            Find("multi-modal projector", "linear_1.weight", "multi_modal_projector", "model.multi_modal_projector"),
            WeightNames.Llama with
            {
                Model = Find("language model", "embed_tokens.weight", "language_model.model", "model.language_model"),
                LmHead = weights.Contains("language_model.lm_head.weight") ? "language_model.lm_head" : "lm_head",
            });
    }
}

namespace Granary.Engine.Models;

/// <summary>
/// Where a family's checkpoint keeps the tensors of the Llama-shaped layout (vLLM's
/// packed_modules_mapping, read the other way): the decoder's and head's prefixes, and whether q/k/v
/// and gate/up are separate tensors (fused on load) or already packed.
/// </summary>
internal sealed record WeightNames
{
    public static readonly WeightNames Llama = new();

    /// <summary>Phi-3 packs q/k/v into <c>qkv_proj</c> and gate/up into <c>gate_up_proj</c>.</summary>
    public static readonly WeightNames Packed = new() { QkvProj = ["qkv_proj"], GateUpProj = ["gate_up_proj"] };

    /// <summary>The decoder (embed_tokens, layers, norm), e.g. <c>language_model.model</c> inside a LLaVA checkpoint.</summary>
    public string Model { get; init; } = "model";

    public string LmHead { get; init; } = "lm_head";

    /// <summary>Relative to a layer's <c>self_attn</c>: three names, or one for a packed projection.</summary>
    public IReadOnlyList<string> QkvProj { get; init; } = ["q_proj", "k_proj", "v_proj"];

    /// <summary>Relative to a layer's <c>mlp</c>: two names, or one for a packed projection.</summary>
    public IReadOnlyList<string> GateUpProj { get; init; } = ["gate_proj", "up_proj"];
}

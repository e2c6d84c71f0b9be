using System.Diagnostics.CodeAnalysis;
using Granary.Engine.Configuration;

namespace Granary.Engine.Models.Gemma2;

/// <summary>Gemma2Config: the shared fields plus the score scale and the two soft caps, with Gemma2Config's defaults.</summary>
internal sealed record Gemma2Config : ModelConfig
{
    public static readonly ArchitectureDefaults Defaults = new()
    {
        TieWordEmbeddings = true,
        HeadDim = 256,
        SlidingWindows = ArchitectureDefaults.AlternatingSlidingWindows,
        // Gemma2MLP reads hidden_activation only; a hidden_act beside it is not used by transformers.
        ReadActivation = config => config.GetString("hidden_activation") ?? Activations.GeluTanh,
    };

    [SetsRequiredMembers]
    private Gemma2Config(ModelConfig text) : base(text)
    {
    }

    /// <summary>Attention scores are scaled by query_pre_attn_scalar^-½ rather than head_dim^-½.</summary>
    public required double QueryPreAttnScalar { get; init; }

    public double? AttnLogitSoftcapping { get; init; }

    public double? FinalLogitSoftcapping { get; init; }

    public static ModelConfig Read(JsonConfig config, string architecture) => new Gemma2Config(ModelConfig.Read(config, architecture, Defaults))
    {
        QueryPreAttnScalar = config.GetDouble("query_pre_attn_scalar") ?? 256,
        AttnLogitSoftcapping = config.ContainsKey("attn_logit_softcapping") ? config.GetDouble("attn_logit_softcapping") : 50.0,
        FinalLogitSoftcapping = config.ContainsKey("final_logit_softcapping") ? config.GetDouble("final_logit_softcapping") : 30.0,
    };
}

namespace Granary.Engine.Configuration;

/// <summary>
/// The fields of a decoder-only transformer's config.json that every family uses. Families with more
/// (Gemma 2's soft-capping) derive their own record; a multimodal config reads this from its
/// <c>text_config</c> object.
/// </summary>
internal record ModelConfig
{
    public required string Architecture { get; init; }
    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumAttentionHeads { get; init; }
    public required int NumKeyValueHeads { get; init; }
    public required int HeadDim { get; init; }
    public required double RmsNormEps { get; init; }
    public required int MaxPositionEmbeddings { get; init; }
    public required bool TieWordEmbeddings { get; init; }
    public required RopeScaling Rope { get; init; }
    public required bool AttentionBias { get; init; }
    public required bool MlpBias { get; init; }

    /// <summary>The MLP's activation, HF's ACT2FN name (see <see cref="Activations"/>).</summary>
    public required string HiddenAct { get; init; }

    /// <summary>Per layer: the sliding window in tokens, or null for full attention.</summary>
    public required IReadOnlyList<int?> LayerSlidingWindows { get; init; }

    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? BosTokenId { get; init; }

    /// <summary>The checkpoint's own dtype (torch_dtype / dtype), e.g. "bfloat16".</summary>
    public string? Dtype { get; init; }

    /// <summary>
    /// The longest sequence the engine will serve, when known before the model is built: LongRoPE picks
    /// its factor set from it once (see <see cref="Models.Layers.RopeFrequencies"/>).
    /// </summary>
    public int? MaxModelLength { get; init; }

    public static ModelConfig Read(JsonConfig config, string architecture, ArchitectureDefaults defaults)
    {
        var hidden = config.RequireInt("hidden_size");
        var heads = config.RequireInt("num_attention_heads");
        var layers = config.RequireInt("num_hidden_layers");
        var headDim = config.GetInt("head_dim") ?? defaults.HeadDim ?? hidden / heads;
        var act = defaults.ReadActivation(config);
        if (!Activations.Supported.Contains(act))
            throw new ModelLoadException(
                $"{config.FileName}: hidden_act '{act}' is not supported for {architecture} (supported: {string.Join(", ", Activations.Supported)})");

        return new ModelConfig
        {
            Architecture = architecture,
            VocabSize = config.RequireInt("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = config.RequireInt("intermediate_size"),
            NumHiddenLayers = layers,
            NumAttentionHeads = heads,
            NumKeyValueHeads = config.GetInt("num_key_value_heads") ?? heads,
            HeadDim = headDim,
            RmsNormEps = config.GetDouble("rms_norm_eps") ?? 1e-6,
            MaxPositionEmbeddings = config.GetInt("max_position_embeddings") ?? 2048,
            TieWordEmbeddings = config.GetBool("tie_word_embeddings") ?? defaults.TieWordEmbeddings,
            Rope = RopeScaling.Read(config, defaults.RopeTheta),
            HiddenAct = act,
            AttentionBias = config.GetBool("attention_bias") ?? defaults.AttentionBias,
            MlpBias = config.GetBool("mlp_bias") ?? false,
            LayerSlidingWindows = defaults.SlidingWindows(config, layers),
            EosTokenIds = config.GetIntList("eos_token_id"),
            BosTokenId = config.GetIntList("bos_token_id") is [var bos, ..] ? bos : null,
            Dtype = config.GetString("dtype") ?? config.GetString("torch_dtype"),
        };
    }
}

namespace Granary.Engine.Configuration;

/// <summary>
/// Rotary embedding parameters, read from either transformers 4's <c>rope_theta</c> + <c>rope_scaling</c>
/// or transformers 5's <c>rope_parameters</c>.
/// </summary>
internal sealed record RopeScaling
{
    public required string Type { get; init; }
    public required double Theta { get; init; }
    public double Factor { get; init; } = 1.0;
    public double PartialRotaryFactor { get; init; } = 1.0;

    // llama3
    public double LowFreqFactor { get; init; } = 1.0;
    public double HighFreqFactor { get; init; } = 4.0;
    public int? OriginalMaxPositionEmbeddings { get; init; }

    // yarn
    public double BetaFast { get; init; } = 32;
    public double BetaSlow { get; init; } = 1;
    public double? AttentionFactor { get; init; }
    public double? Mscale { get; init; }
    public double? MscaleAllDim { get; init; }
    public bool Truncate { get; init; } = true;

    // longrope: per-frequency divisors for sequences within, and beyond, original_max_position_embeddings
    public IReadOnlyList<double> ShortFactor { get; init; } = [];
    public IReadOnlyList<double> LongFactor { get; init; } = [];

    public static readonly IReadOnlyList<string> SupportedTypes = ["default", "linear", "llama3", "yarn", "longrope"];

    public static RopeScaling Read(JsonConfig config, double defaultTheta)
    {
        var parameters = config.GetObject("rope_parameters");
        var scaling = config.GetObject("rope_scaling");
        var source = parameters ?? scaling;
        var theta = parameters?.GetDouble("rope_theta") ?? config.GetDouble("rope_theta") ?? defaultTheta;
        var partial = parameters?.GetDouble("partial_rotary_factor") ?? config.GetDouble("partial_rotary_factor") ?? 1.0;
        if (source is null)
            return new RopeScaling { Type = "default", Theta = theta, PartialRotaryFactor = partial };

        var type = source.GetString("rope_type") ?? source.GetString("type") ?? "default";
        if (type == "su") type = "longrope"; // the first Phi-3 128k configs' name for it
        if (!SupportedTypes.Contains(type))
            throw new ModelLoadException(
                $"{config.FileName}: rope type '{type}' is not supported (supported: {string.Join(", ", SupportedTypes)})");

        var factor = source.GetDouble("factor");
        var original = source.GetInt("original_max_position_embeddings");
        if (type == "longrope")
        {
            // Phi-3 keeps original_max_position_embeddings beside rope_scaling and leaves the factor out:
            // transformers then takes it as max_position_embeddings / original_max_position_embeddings.
            var maxPositions = config.GetInt("max_position_embeddings") ?? 2048;
            original ??= config.GetInt("original_max_position_embeddings") ?? maxPositions;
            factor ??= (double)maxPositions / original.Value;
        }

        return new RopeScaling
        {
            Type = type,
            Theta = theta,
            PartialRotaryFactor = partial,
            Factor = factor ?? 1.0,
            LowFreqFactor = source.GetDouble("low_freq_factor") ?? 1.0,
            HighFreqFactor = source.GetDouble("high_freq_factor") ?? 4.0,
            OriginalMaxPositionEmbeddings = original,
            BetaFast = source.GetDouble("beta_fast") ?? 32,
            BetaSlow = source.GetDouble("beta_slow") ?? 1,
            AttentionFactor = source.GetDouble("attention_factor"),
            Mscale = source.GetDouble("mscale"),
            MscaleAllDim = source.GetDouble("mscale_all_dim"),
            Truncate = source.GetBool("truncate") ?? true,
            ShortFactor = source.GetDoubleList("short_factor"),
            LongFactor = source.GetDoubleList("long_factor"),
        };
    }
}

namespace Granary.Engine.Configuration;

/// <summary>What an architecture's HF config class assumes when config.json leaves a field out.</summary>
internal sealed record ArchitectureDefaults
{
    public bool TieWordEmbeddings { get; init; }
    public bool AttentionBias { get; init; }
    public double RopeTheta { get; init; } = 10000.0;

    /// <summary>head_dim when config.json leaves it out; null: hidden_size / num_attention_heads.</summary>
    public int? HeadDim { get; init; }

    /// <summary>Reads the MLP activation: most configs name it <c>hidden_act</c>, Gemma's <c>hidden_activation</c>.</summary>
    public Func<JsonConfig, string> ReadActivation { get; init; } =
        config => config.GetString("hidden_act") ?? config.GetString("hidden_activation") ?? "silu";

    /// <summary>Reads the per-layer sliding windows the way this architecture's config does.</summary>
    public Func<JsonConfig, int, IReadOnlyList<int?>> SlidingWindows { get; init; } = NoSlidingWindow;

    /// <summary>Phi-3: one optional <c>sliding_window</c> for every layer (Phi3Config's default is none).</summary>
    public static IReadOnlyList<int?> OptionalUniformSlidingWindow(JsonConfig config, int layers) =>
        Enumerable.Repeat(config.GetInt("sliding_window"), layers).ToArray();

    /// <summary>
    /// Gemma 2: <c>layer_types</c> when present, else the window on even layers (0, 2, …) and full
    /// attention on odd ones; Gemma2Config's default window is 4096.
    /// </summary>
    public static IReadOnlyList<int?> AlternatingSlidingWindows(JsonConfig config, int layers)
    {
        var window = config.ContainsKey("sliding_window") ? config.GetInt("sliding_window") : 4096;
        var types = config.GetStringList("layer_types");
        if (types.Count == 0) return Enumerable.Range(0, layers).Select(i => i % 2 == 0 ? window : null).ToArray();
        if (types.Count != layers)
            throw new ModelLoadException($"{config.FileName}: layer_types has {types.Count} entries for {layers} layers");
        return types.Select(t => t == "sliding_attention" ? window : null).ToArray();
    }

    public static IReadOnlyList<int?> NoSlidingWindow(JsonConfig config, int layers) => new int?[layers];

    /// <summary>Mistral: one <c>sliding_window</c> for every layer; MistralConfig's default is 4096, null turns it off.</summary>
    public static IReadOnlyList<int?> UniformSlidingWindow(JsonConfig config, int layers)
    {
        var window = config.ContainsKey("sliding_window") ? config.GetInt("sliding_window") : 4096;
        return Enumerable.Repeat(window, layers).ToArray();
    }

    /// <summary>
    /// Qwen2/Qwen3: <c>layer_types</c> when present, else layers from <c>max_window_layers</c> on use the
    /// window, and only when <c>use_sliding_window</c> is true.
    /// </summary>
    public static IReadOnlyList<int?> QwenSlidingWindows(JsonConfig config, int layers)
    {
        var useWindow = config.GetBool("use_sliding_window") ?? false;
        var window = useWindow ? config.GetInt("sliding_window") : null;
        var types = config.GetStringList("layer_types");
        if (types.Count > 0)
        {
            if (types.Count != layers)
                throw new ModelLoadException($"{config.FileName}: layer_types has {types.Count} entries for {layers} layers");
            return types.Select(t => t == "sliding_attention" ? window : null).ToArray();
        }
        var firstWindowed = config.GetInt("max_window_layers") ?? layers;
        return Enumerable.Range(0, layers).Select(i => i >= firstWindowed ? window : null).ToArray();
    }
}

namespace Granary.Engine.Configuration;

/// <summary>generation_config.json: the model author's stop ids and sampling defaults.</summary>
public sealed record GenerationConfig
{
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? BosTokenId { get; init; }
    public int? PadTokenId { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopK { get; init; }
    public double? MinP { get; init; }
    public double? RepetitionPenalty { get; init; }
    public int? MaxNewTokens { get; init; }

    public static GenerationConfig Empty { get; } = new();

    /// <summary>Reads the file if the folder has one; a folder without it gets <see cref="Empty"/>.</summary>
    public static GenerationConfig Load(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, "generation_config.json");
        if (!File.Exists(path)) return Empty;
        var config = JsonConfig.Load(path);
        return new GenerationConfig
        {
            EosTokenIds = config.GetIntList("eos_token_id"),
            BosTokenId = config.GetIntList("bos_token_id") is [var bos, ..] ? bos : null,
            PadTokenId = config.GetIntList("pad_token_id") is [var pad, ..] ? pad : null,
            Temperature = config.GetDouble("temperature"),
            TopP = config.GetDouble("top_p"),
            TopK = config.GetInt("top_k"),
            MinP = config.GetDouble("min_p"),
            RepetitionPenalty = config.GetDouble("repetition_penalty"),
            MaxNewTokens = config.GetInt("max_new_tokens"),
        };
    }
}

using System.Text.Json.Nodes;

namespace Granary.Bench.Workload;

/// <summary>
/// The range prompt token ids are drawn from, and where it came from (reported with the results).
/// Which ids a prompt holds does not change the work a server does for it, only their count does;
/// the range only has to lie inside the model's vocabulary.
/// </summary>
internal sealed record Vocabulary(int Size, string Source)
{
    /// <summary>
    /// The fallback when the vocabulary is unknown: every byte-level BPE (Llama 3, Qwen, GPT-2) and
    /// byte-fallback SentencePiece vocabulary (Llama 2) has at least 256 ids.
    /// </summary>
    public const int Fallback = 256;

    /// <summary>--vocab-size when given; else config.json's vocab_size in the model folder when it can be read here; else <see cref="Fallback"/>.</summary>
    public static Vocabulary Resolve(int? explicitSize, string? modelFolder)
    {
        if (explicitSize is { } size) return new Vocabulary(size, "--vocab-size");
        if (modelFolder is not null && FromConfig(modelFolder) is { } configured)
            return new Vocabulary(configured, Path.Combine(modelFolder, "config.json"));
        return new Vocabulary(Fallback, "fallback (vocabulary unknown: pass --vocab-size)");
    }

    /// <summary>vocab_size of a Hugging Face config.json (top level, or text_config for multimodal models); null if unreadable.</summary>
    public static int? FromConfig(string modelFolder)
    {
        var path = Path.Combine(modelFolder, "config.json");
        if (!File.Exists(path)) return null;
        try
        {
            var config = JsonNode.Parse(File.ReadAllText(path));
            var node = config?["vocab_size"] ?? config?["text_config"]?["vocab_size"];
            return node is JsonValue value && value.TryGetValue<int>(out var size) && size > 0 ? size : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

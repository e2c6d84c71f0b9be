using System.Text.Json.Nodes;

namespace Granary.Tokenization.Tests.Support;

/// <summary>Writes small tokenizer.json documents for component tests.</summary>
internal static class TokenizerJsonBuilder
{
    public static JsonObject Bpe(IEnumerable<string> vocabulary, IEnumerable<string> merges, Action<JsonObject>? configureModel = null)
    {
        var vocab = new JsonObject();
        var id = 0;
        foreach (var token in vocabulary)
        {
            vocab[token] = id++;
        }

        var model = new JsonObject
        {
            ["type"] = "BPE",
            ["vocab"] = vocab,
            ["merges"] = new JsonArray(merges.Select(m => (JsonNode)JsonValue.Create(m)).ToArray()),
        };
        configureModel?.Invoke(model);
        return new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(),
            ["normalizer"] = null,
            ["pre_tokenizer"] = null,
            ["post_processor"] = null,
            ["decoder"] = null,
            ["model"] = model,
        };
    }

    public static JsonObject AddedToken(int id, string content, bool special = true, bool lstrip = false, bool rstrip = false, bool singleWord = false, bool normalized = false) => new()
    {
        ["id"] = id,
        ["content"] = content,
        ["single_word"] = singleWord,
        ["lstrip"] = lstrip,
        ["rstrip"] = rstrip,
        ["normalized"] = normalized,
        ["special"] = special,
    };

    public static JsonObject Node(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A vocabulary of single printable ASCII characters plus extra tokens, so any ASCII text encodes.</summary>
    public static List<string> AsciiVocabulary(params string[] extra) =>
        Enumerable.Range(32, 95).Select(c => ((char)c).ToString()).Concat(extra).ToList();
}

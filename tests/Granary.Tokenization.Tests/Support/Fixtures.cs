using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;

namespace Granary.Tokenization.Tests.Support;

/// <summary>The reference tokenizers and goldens under fixtures/ (made with transformers 5.17 / tokenizers 0.23).</summary>
internal static class Fixtures
{
    public static readonly string[] RealTokenizers = ["llama3_1", "qwen3", "llama2"];
    public static readonly string[] TinyModels = ["tiny-llama3", "tiny-qwen3"];

    private static readonly ConcurrentDictionary<string, Lazy<PretrainedTokenizer>> Loaded = new();

    public static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures");

    /// <summary>One of the real tokenizers (decompressed in memory), loaded once per test run.</summary>
    public static PretrainedTokenizer Real(string name) =>
        Loaded.GetOrAdd(name, key => new Lazy<PretrainedTokenizer>(() =>
            PretrainedTokenizer.FromJson(RealTokenizerJson(key), File.ReadAllText(Path.Combine(Root, "tokenizers", key, "tokenizer_config.json"))))).Value;

    public static PretrainedTokenizer Tiny(string name) =>
        Loaded.GetOrAdd(name, key => new Lazy<PretrainedTokenizer>(() => PretrainedTokenizer.FromDirectory(Path.Combine(Root, key)))).Value;

    public static PretrainedTokenizer Any(string name) => name.StartsWith("tiny-", StringComparison.Ordinal) ? Tiny(name) : Real(name);

    public static string RealTokenizerJson(string name)
    {
        using var file = File.OpenRead(Path.Combine(Root, "tokenizers", name, "tokenizer.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    public static JsonDocument Golden(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "tokenizers", name + ".golden.json")));

    public static JsonDocument TinyGolden(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, name, "golden.json")));

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}

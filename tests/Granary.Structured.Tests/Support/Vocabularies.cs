using System.IO.Compression;
using Granary.Tokenization;

namespace Granary.Structured.Tests.Support;

/// <summary>The real vocabularies the tests generate over, loaded once per run.</summary>
internal static class Vocabularies
{
    private static readonly Lazy<(TokenVocabulary Vocabulary, PretrainedTokenizer Tokenizer)> LazyTiny = new(() =>
        Load(PretrainedTokenizer.FromDirectory(Path.Combine(Root, "tiny-llama3"))));

    private static readonly Lazy<(TokenVocabulary Vocabulary, PretrainedTokenizer Tokenizer)> LazyQwen3 = new(() => LoadReal("qwen3"));

    private static readonly Lazy<(TokenVocabulary Vocabulary, PretrainedTokenizer Tokenizer)> LazyLlama2 = new(() => LoadReal("llama2"));

    /// <summary>The 600-token byte-level BPE of the tiny Llama-3 fixture.</summary>
    public static TokenVocabulary Tiny => LazyTiny.Value.Vocabulary;

    /// <summary>Qwen3's real 151k-token vocabulary.</summary>
    public static TokenVocabulary Qwen3 => LazyQwen3.Value.Vocabulary;

    /// <summary>Llama 2's SentencePiece-style vocabulary ("▁" for spaces, byte-fallback tokens).</summary>
    public static TokenVocabulary Llama2 => LazyLlama2.Value.Vocabulary;

    public static PretrainedTokenizer TinyTokenizer => LazyTiny.Value.Tokenizer;

    public static PretrainedTokenizer Qwen3Tokenizer => LazyQwen3.Value.Tokenizer;

    public static TokenVocabulary ByName(string name) => name switch
    {
        "tiny" => Tiny,
        "qwen3" => Qwen3,
        "llama2" => Llama2,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static PretrainedTokenizer TokenizerByName(string name) => name switch
    {
        "tiny" => TinyTokenizer,
        "llama2" => LazyLlama2.Value.Tokenizer,
        _ => Qwen3Tokenizer,
    };

    private static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures");

    private static (TokenVocabulary, PretrainedTokenizer) LoadReal(string name)
    {
        using var file = File.OpenRead(Path.Combine(Root, "tokenizers", name, "tokenizer.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var config = File.ReadAllText(Path.Combine(Root, "tokenizers", name, "tokenizer_config.json"));
        return Load(PretrainedTokenizer.FromJson(reader.ReadToEnd(), config));
    }

    private static (TokenVocabulary, PretrainedTokenizer) Load(PretrainedTokenizer tokenizer)
    {
        var bytes = Enumerable.Range(0, tokenizer.VocabSize).Select(tokenizer.TokenBytes).ToArray();
        var eos = new HashSet<int> { tokenizer.EosTokenId ?? throw new InvalidOperationException("no EOS") };
        return (TokenVocabulary.Create(bytes, tokenizer.SpecialTokenIds, eos), tokenizer);
    }
}

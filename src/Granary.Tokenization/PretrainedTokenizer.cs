using System.Collections.ObjectModel;
using Granary.Tokenization.Configuration;
using Granary.Tokenization.Detokenization;
using Granary.Tokenization.Pipeline;

namespace Granary.Tokenization;

/// <summary>
/// A Hugging Face tokenizer loaded from tokenizer.json + tokenizer_config.json that encodes and
/// decodes exactly as transformers 5 (tokenizers 0.23) does. Thread-safe after construction.
/// </summary>
/// <remarks>
/// Microsoft.ML.Tokenizers is not used: it cannot be driven from a generic tokenizer.json (no
/// loader for the normalizer / pre-tokenizer / decoder pipeline, Split behaviours, Metaspace
/// prepend schemes, added-token lstrip/rstrip/single_word), and its BPE lacks ignore_merges and
/// the ByteFallback decoder semantics the goldens need.
/// </remarks>
public sealed class PretrainedTokenizer
{
    private readonly TokenizerPipeline _pipeline;
    private readonly TokenizerConfig _config;
    private readonly bool _cleanUpSpaces;

    private PretrainedTokenizer(TokenizerDefinition tokenizerJson, string? configJson, string? specialTokensMapJson)
    {
        _config = TokenizerConfigReader.Read(configJson, specialTokensMapJson);
        var definition = TransformersCompatibility.Apply(tokenizerJson, _config);
        _pipeline = new TokenizerPipeline(definition, _config.SplitSpecialTokens);
        // transformers ≥ 5.7 ignores clean_up_tokenization_spaces for BPE models unless forced.
        _cleanUpSpaces = _config.CleanUpTokenizationSpaces && _config.CleanUpEvenForBpe;

        var addedTokens = _pipeline.AddedVocabulary.Tokens;
        VocabSize = _pipeline.Model.VocabularyCount + addedTokens.Count(t => _pipeline.Model.TokenToId(t.Content) is null);
        SpecialTokenIds = addedTokens.Where(t => t.Special).Select(t => t.Id).ToHashSet();
        SpecialTokenStrings = new ReadOnlyDictionary<string, string>(
            _config.NamedSpecialTokens.ToDictionary(pair => pair.Key, pair => pair.Value.Content, StringComparer.Ordinal));
        BosToken = SpecialTokenStrings.GetValueOrDefault("bos_token");
        EosToken = SpecialTokenStrings.GetValueOrDefault("eos_token");
        BosTokenId = BosToken is null ? null : TokenToId(BosToken);
        EosTokenId = EosToken is null ? null : TokenToId(EosToken);
    }

    /// <summary>Size of the vocabulary including added tokens, like <c>len(tokenizer)</c>.</summary>
    public int VocabSize { get; }

    public IReadOnlySet<int> SpecialTokenIds { get; }

    public string? BosToken { get; }

    public int? BosTokenId { get; }

    public string? EosToken { get; }

    public int? EosTokenId { get; }

    /// <summary>bos_token, eos_token, unk_token, pad_token, ... by attribute name, as chat templates see them.</summary>
    public IReadOnlyDictionary<string, string> SpecialTokenStrings { get; }

    /// <summary>model_max_length, or null when the config sets none (or transformers' "unlimited" 1e30).</summary>
    public int? ModelMaxLength => _config.ModelMaxLength;

    /// <summary>Loads tokenizer.json and, when present, tokenizer_config.json and special_tokens_map.json.</summary>
    public static PretrainedTokenizer FromDirectory(string modelDirectory)
    {
        var tokenizerPath = Path.Combine(modelDirectory, "tokenizer.json");
        if (!File.Exists(tokenizerPath))
        {
            throw new TokenizerException($"{tokenizerPath} does not exist; Granary needs a Hugging Face tokenizer.json.");
        }

        return new PretrainedTokenizer(
            TokenizerJsonReader.Read(File.ReadAllBytes(tokenizerPath)),
            ReadIfPresent(Path.Combine(modelDirectory, "tokenizer_config.json")),
            ReadIfPresent(Path.Combine(modelDirectory, "special_tokens_map.json")));
    }

    /// <summary>The tokenizer <see cref="FromDirectory"/> would load, from the files' contents (a router that has no model folder).</summary>
    public static PretrainedTokenizer FromJson(string tokenizerJson, string? tokenizerConfigJson = null, string? specialTokensMapJson = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizerJson);
        return new(TokenizerJsonReader.Read(tokenizerJson), tokenizerConfigJson, specialTokensMapJson);
    }

    /// <summary>Token ids of <paramref name="text"/>; special tokens in the text are recognised.</summary>
    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _pipeline.Encode(text, addSpecialTokens).AsReadOnly();
    }

    /// <summary>The text of <paramref name="ids"/>; ids outside the vocabulary are ignored, as in tokenizers.</summary>
    public string Decode(IReadOnlyList<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = _pipeline.Decode(ids, skipSpecialTokens);
        return _cleanUpSpaces ? CleanUpTokenization.Apply(text) : text;
    }

    public string? IdToToken(int id) => _pipeline.IdToToken(id);

    public int? TokenToId(string token) => _pipeline.TokenToId(token);

    /// <summary>
    /// The bytes token <paramref name="id"/> adds to decoded text in the middle of a sequence
    /// (byte-level characters mapped back, "▁" as a space, &lt;0xNN&gt; as that byte).
    /// </summary>
    public byte[] TokenBytes(int id) => _pipeline.TokenBytes(id);

    public bool IsSpecial(int id) => SpecialTokenIds.Contains(id);

    /// <summary>A streaming decoder for tokens generated after <paramref name="promptIds"/>.</summary>
    public IncrementalDetokenizer CreateDetokenizer(IReadOnlyList<int> promptIds, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(promptIds);
        return new IncrementalDetokenizer(_pipeline, promptIds, skipSpecialTokens);
    }

    private static string? ReadIfPresent(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}

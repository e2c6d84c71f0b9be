using Granary.Tokenization.AddedTokens;

namespace Granary.Tokenization.Configuration;

/// <summary>The fields of tokenizer_config.json (and special_tokens_map.json) that change what the tokenizer does.</summary>
internal sealed record TokenizerConfig
{
    public static TokenizerConfig Empty { get; } = new();

    public string? TokenizerClass { get; init; }

    /// <summary>bos_token, eos_token, unk_token, pad_token, ... by attribute name, as the content plus token flags.</summary>
    public IReadOnlyDictionary<string, AddedToken> NamedSpecialTokens { get; init; } = new Dictionary<string, AddedToken>();

    /// <summary>additional_special_tokens / extra_special_tokens.</summary>
    public IReadOnlyList<AddedToken> ExtraSpecialTokens { get; init; } = [];

    /// <summary>added_tokens_decoder entries, with their ids.</summary>
    public IReadOnlyList<AddedToken> AddedTokensDecoder { get; init; } = [];

    public bool? AddBosToken { get; init; }

    public bool? AddEosToken { get; init; }

    public bool CleanUpTokenizationSpaces { get; init; }

    /// <summary>transformers' opt-in to apply the clean-up to BPE tokenizers anyway.</summary>
    public bool CleanUpEvenForBpe { get; init; }

    public int? ModelMaxLength { get; init; }

    public bool? Legacy { get; init; }

    public bool? AddPrefixSpace { get; init; }

    public bool SplitSpecialTokens { get; init; }
}

using Granary.Tokenization.AddedTokens;
using Granary.Tokenization.Configuration;
using Granary.Tokenization.Decoders;
using Granary.Tokenization.Models;
using Granary.Tokenization.Normalizers;
using Granary.Tokenization.Patterns;
using Granary.Tokenization.PostProcessors;
using Granary.Tokenization.PreTokenizers;

namespace Granary.Tokenization.Pipeline;

/// <summary>
/// What transformers 5 changes on top of tokenizer.json when it loads a tokenizer, keyed by
/// tokenizer_config.json fields (never by model name).
/// </summary>
internal static class TransformersCompatibility
{
    private const char SentencePieceSpace = '\u2581';

    public static TokenizerDefinition Apply(TokenizerDefinition definition, TokenizerConfig config)
    {
        if (config.TokenizerClass is "LlamaTokenizer" or "LlamaTokenizerFast")
        {
            definition = RebuildLlama(definition, config);
        }
        else if (config.TokenizerClass is "GemmaTokenizer" or "GemmaTokenizerFast")
        {
            definition = RebuildGemma(definition, config);
        }

        var addedTokens = MergeAddedTokens(definition, config);
        var postProcessor = definition.PostProcessor;
        // transformers rebuilds the template whenever add_bos_token / add_eos_token is given explicitly.
        if (config.AddBosToken is not null || config.AddEosToken is not null || postProcessor is null)
        {
            postProcessor = BosEosTemplate(config, addedTokens, definition.Model);
        }

        return definition with { AddedTokens = addedTokens, PostProcessor = postProcessor };
    }

    /// <summary>
    /// transformers 5's LlamaTokenizer keeps only the vocabulary, merges and post-processor of
    /// tokenizer.json and rebuilds the rest: no normalizer, a Metaspace pre-tokenizer (prepend
    /// "always" when legacy, "first" otherwise, "never" without add_prefix_space; no split),
    /// BPE with byte fallback and fused unknowns, and Replace/ByteFallback/Fuse/Strip decoding.
    /// </summary>
    private static TokenizerDefinition RebuildLlama(TokenizerDefinition definition, TokenizerConfig config)
    {
        var addPrefixSpace = config.AddPrefixSpace ?? true;
        var scheme = !addPrefixSpace ? PrependScheme.Never : config.Legacy ?? false ? PrependScheme.Always : PrependScheme.First;
        var decoders = new List<IDecoder>
        {
            new ReplaceDecoder(new LiteralPattern(SentencePieceSpace.ToString()), " "),
            new ByteFallbackDecoder(),
            new FuseDecoder(),
        };
        if (addPrefixSpace)
        {
            decoders.Add(new StripDecoder(' ', 1, 0));
        }

        return definition with
        {
            Model = definition.Model.WithOptions(new BpeOptions { FuseUnknown = true, ByteFallback = true }),
            Normalizer = null,
            PreTokenizer = new MetaspacePreTokenizer(SentencePieceSpace, scheme, split: false),
            Decoder = new SequenceDecoder(decoders),
        };
    }

    /// <summary>
    /// transformers 5's GemmaTokenizer likewise keeps the vocabulary, merges and post-processor and
    /// rebuilds the rest: spaces become "▁" (no dummy prefix), a Split on " " (which finds none once
    /// normalized), BPE with byte fallback and fused unknowns, and Replace/ByteFallback/Fuse decoding
    /// with no Strip.
    /// </summary>
    private static TokenizerDefinition RebuildGemma(TokenizerDefinition definition, TokenizerConfig config)
    {
        var space = new LiteralPattern(" ");
        var unknown = config.NamedSpecialTokens.TryGetValue("unk_token", out var unk) ? unk.Content : "<unk>";
        return definition with
        {
            Model = definition.Model.WithOptions(new BpeOptions { UnknownToken = unknown, FuseUnknown = true, ByteFallback = true }),
            Normalizer = new ReplaceNormalizer(space, SentencePieceSpace.ToString()),
            PreTokenizer = new SplitPreTokenizer(space, SplitDelimiterBehavior.MergedWithPrevious, invert: false),
            Decoder = new SequenceDecoder(
            [
                new ReplaceDecoder(new LiteralPattern(SentencePieceSpace.ToString()), " "),
                new ByteFallbackDecoder(),
                new FuseDecoder(),
            ]),
        };
    }

    // tokenizer.json's added tokens, then tokenizer_config.json's added_tokens_decoder, then the
    // named and extra special tokens (which transformers registers as special).
    private static List<AddedToken> MergeAddedTokens(TokenizerDefinition definition, TokenizerConfig config)
    {
        var byContent = new Dictionary<string, AddedToken>(StringComparer.Ordinal);
        var order = new List<string>();
        void Put(AddedToken token)
        {
            if (!byContent.ContainsKey(token.Content))
            {
                order.Add(token.Content);
            }

            byContent[token.Content] = token;
        }

        foreach (var token in definition.AddedTokens.Concat(config.AddedTokensDecoder))
        {
            Put(token);
        }

        var nextId = Math.Max(definition.Model.VocabularyCount, byContent.Count == 0 ? 0 : byContent.Values.Max(t => t.Id) + 1);
        foreach (var special in config.NamedSpecialTokens.Values.Concat(config.ExtraSpecialTokens))
        {
            if (byContent.TryGetValue(special.Content, out var existing))
            {
                Put(existing with { Special = true });
                continue;
            }

            var id = definition.Model.TokenToId(special.Content) ?? nextId++;
            Put(special with { Id = id, Special = true });
        }

        return order.Select(content => byContent[content]).ToList();
    }

    private static TemplateProcessor BosEosTemplate(TokenizerConfig config, List<AddedToken> addedTokens, BpeModel model)
    {
        int? IdOf(string attribute) =>
            config.NamedSpecialTokens.TryGetValue(attribute, out var token)
                ? addedTokens.FirstOrDefault(t => t.Content == token.Content)?.Id ?? model.TokenToId(token.Content)
                : null;

        var pieces = new List<TemplatePiece>();
        if (config.AddBosToken == true && IdOf("bos_token") is { } bos)
        {
            pieces.Add(TemplatePiece.Special([bos]));
        }

        pieces.Add(TemplatePiece.Sequence);
        if (config.AddEosToken == true && IdOf("eos_token") is { } eos)
        {
            pieces.Add(TemplatePiece.Special([eos]));
        }

        return new TemplateProcessor(pieces);
    }
}

using System.Text;
using Granary.Tokenization.AddedTokens;
using Granary.Tokenization.Decoders;
using Granary.Tokenization.Models;
using Granary.Tokenization.Normalizers;
using Granary.Tokenization.PostProcessors;
using Granary.Tokenization.PreTokenizers;

namespace Granary.Tokenization.Pipeline;

/// <summary>
/// Encoding and decoding as tokenizers' TokenizerImpl does them: added tokens → normalizer →
/// pre-tokenizer → model → post-processor, and ids → token strings → decoder.
/// </summary>
internal sealed class TokenizerPipeline
{
    private readonly INormalizer? _normalizer;
    private readonly IPreTokenizer? _preTokenizer;
    private readonly IPostProcessor? _postProcessor;

    public TokenizerPipeline(TokenizerDefinition definition, bool splitSpecialTokens)
    {
        Model = definition.Model;
        _normalizer = definition.Normalizer;
        _preTokenizer = definition.PreTokenizer;
        _postProcessor = definition.PostProcessor;
        Decoder = definition.Decoder;
        AddedVocabulary = new AddedVocabulary(definition.AddedTokens, definition.Normalizer, splitSpecialTokens);
    }

    public ITokenizerModel Model { get; }

    public IDecoder? Decoder { get; }

    public AddedVocabulary AddedVocabulary { get; }

    public List<int> Encode(string text, bool addSpecialTokens)
    {
        var splits = AddedVocabulary.ExtractAndNormalize(text);
        _preTokenizer?.PreTokenize(splits);
        var ids = new List<int>(text.Length / 3 + 4);
        foreach (var split in splits)
        {
            if (split.IsAddedToken)
            {
                ids.Add(split.AddedTokenId);
            }
            else
            {
                Model.Tokenize(split.Text, ids);
            }
        }

        return _postProcessor?.Process(ids, addSpecialTokens) ?? ids;
    }

    public int? TokenToId(string token) => AddedVocabulary.IdOf(token) ?? Model.TokenToId(token);

    public string? IdToToken(int id) => AddedVocabulary.TextOf(id) ?? Model.IdToToken(id);

    /// <summary>The token strings decoding works on; unknown ids are dropped, special tokens too when asked.</summary>
    public List<string> TokensForDecoding(IEnumerable<int> ids, bool skipSpecialTokens)
    {
        var tokens = new List<string>();
        foreach (var id in ids)
        {
            if (IdToToken(id) is { } token && !(skipSpecialTokens && AddedVocabulary.IsSpecialContent(token)))
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    public string DecodeTokens(List<string> tokens) =>
        Decoder is null ? string.Join(' ', tokens) : string.Concat(Decoder.DecodeChain(tokens));

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens) => DecodeTokens(TokensForDecoding(ids, skipSpecialTokens));

    public byte[] TokenBytes(int id)
    {
        var token = IdToToken(id) ?? throw new ArgumentOutOfRangeException(nameof(id), id, "The id is not in the vocabulary.");
        var piece = Decoder?.MapToken(TokenPiece.FromText(token)) ?? TokenPiece.FromText(token);
        return piece.Bytes ?? Encoding.UTF8.GetBytes(piece.Text!);
    }

    public bool IsOpenEnded(string token) => Decoder?.IsOpenEnded(token) ?? false;
}

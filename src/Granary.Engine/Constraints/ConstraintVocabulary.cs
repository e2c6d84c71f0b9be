using Granary.Structured;
using Granary.Tokenization;

namespace Granary.Engine.Constraints;

/// <summary>
/// The tokenizer's tokens as grammars see them, built on the first constrained request (a 150k
/// vocabulary takes a moment). Special tokens never appear in constrained text, except the tool
/// call markers of this model's format, which its grammars spell.
/// </summary>
internal sealed class ConstraintVocabulary(PretrainedTokenizer tokenizer, IReadOnlySet<int> eosTokenIds, IReadOnlyCollection<string> markerTokens)
{
    private readonly Lazy<TokenVocabulary> _vocabulary = new(() =>
    {
        var size = tokenizer.VocabSize;
        var bytes = Enumerable.Range(0, size).Select(tokenizer.TokenBytes).ToArray();
        var markers = markerTokens.Select(tokenizer.TokenToId).OfType<int>().ToHashSet();
        var special = tokenizer.SpecialTokenIds.Where(id => id < size && !markers.Contains(id) && !eosTokenIds.Contains(id)).ToHashSet();
        return TokenVocabulary.Create(bytes, special, eosTokenIds.Where(id => id < size).ToHashSet());
    });

    public TokenVocabulary Vocabulary => _vocabulary.Value;

    public byte[] TokenBytes(int tokenId) => tokenId < tokenizer.VocabSize ? tokenizer.TokenBytes(tokenId) : [];
}

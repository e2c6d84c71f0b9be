namespace Granary.Tokenization.Tests.Support;

/// <summary>
/// Draws token ids for property tests: half uniformly from the vocabulary, half from the tokens
/// that make streaming hard (non-ASCII bytes — partial UTF-8 — byte-fallback tokens, special tokens).
/// </summary>
internal sealed class HardTokenSampler
{
    private readonly Random _random;
    private readonly int _vocabSize;
    private readonly int[] _hard;

    public HardTokenSampler(PretrainedTokenizer tokenizer, int seed)
    {
        _random = new Random(seed);
        _vocabSize = tokenizer.VocabSize;
        _hard = Enumerable.Range(0, tokenizer.VocabSize)
            .Where(id => tokenizer.IdToToken(id) is not null)
            .Where(id => tokenizer.IsSpecial(id) || tokenizer.TokenBytes(id).Any(b => b >= 0x80))
            .ToArray();
    }

    public int[] Sequence(int length)
    {
        var ids = new int[length];
        for (var i = 0; i < length; i++)
        {
            ids[i] = _hard.Length > 0 && _random.Next(2) == 0 ? _hard[_random.Next(_hard.Length)] : _random.Next(_vocabSize);
        }

        return ids;
    }
}

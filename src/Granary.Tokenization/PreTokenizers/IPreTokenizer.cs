namespace Granary.Tokenization.PreTokenizers;

/// <summary>Splits (and possibly rewrites) the text splits of an input (tokenizer.json "pre_tokenizer").</summary>
internal interface IPreTokenizer
{
    /// <summary>Replaces the contents of <paramref name="splits"/> by the finer splits; added tokens pass through.</summary>
    void PreTokenize(List<PreToken> splits);
}

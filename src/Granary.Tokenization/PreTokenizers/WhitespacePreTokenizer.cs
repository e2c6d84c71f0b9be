using Granary.Tokenization.Patterns;

namespace Granary.Tokenization.PreTokenizers;

/// <summary>tokenizers' Whitespace: keeps the runs of word characters and the runs of other non-space characters.</summary>
internal sealed class WhitespacePreTokenizer : IPreTokenizer
{
    private static readonly Lazy<ISplitPattern> Words = new(() => new InvertedPattern(new RegexPattern(@"\w+|[^\w\s]+")));

    public void PreTokenize(List<PreToken> splits) =>
        PreTokenSplitter.SplitEach(splits, (piece, output) =>
            PreTokenSplitter.SplitByPattern(piece, Words.Value, SplitDelimiterBehavior.Removed, output));
}

using Granary.Tokenization.Patterns;

namespace Granary.Tokenization.PreTokenizers;

/// <summary>Splits on a literal or regex pattern with a delimiter behavior, optionally inverted.</summary>
internal sealed class SplitPreTokenizer(ISplitPattern pattern, SplitDelimiterBehavior behavior, bool invert) : IPreTokenizer
{
    private readonly ISplitPattern _pattern = invert ? new InvertedPattern(pattern) : pattern;

    public void PreTokenize(List<PreToken> splits) =>
        PreTokenSplitter.SplitEach(splits, (piece, output) => PreTokenSplitter.SplitByPattern(piece, _pattern, behavior, output));
}

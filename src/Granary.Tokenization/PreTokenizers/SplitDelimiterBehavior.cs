namespace Granary.Tokenization.PreTokenizers;

/// <summary>What becomes of the delimiters a pattern finds (tokenizers' SplitDelimiterBehavior).</summary>
internal enum SplitDelimiterBehavior
{
    Removed,
    Isolated,
    MergedWithPrevious,
    MergedWithNext,
    Contiguous,
}

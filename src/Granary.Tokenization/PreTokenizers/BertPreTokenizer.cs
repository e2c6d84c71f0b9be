namespace Granary.Tokenization.PreTokenizers;

/// <summary>Split on whitespace (removed), then isolate each punctuation character.</summary>
internal sealed class BertPreTokenizer : IPreTokenizer
{
    private readonly CharacterSplitPreTokenizer _whitespace = CharacterSplitPreTokenizer.WhitespaceSplit();
    private readonly CharacterSplitPreTokenizer _punctuation = CharacterSplitPreTokenizer.Punctuation(SplitDelimiterBehavior.Isolated);

    public void PreTokenize(List<PreToken> splits)
    {
        _whitespace.PreTokenize(splits);
        _punctuation.PreTokenize(splits);
    }
}

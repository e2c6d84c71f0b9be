namespace Granary.Tokenization.PreTokenizers;

internal sealed class SequencePreTokenizer(IReadOnlyList<IPreTokenizer> preTokenizers) : IPreTokenizer
{
    public IReadOnlyList<IPreTokenizer> PreTokenizers { get; } = preTokenizers;

    public void PreTokenize(List<PreToken> splits)
    {
        foreach (var preTokenizer in PreTokenizers)
        {
            preTokenizer.PreTokenize(splits);
        }
    }
}

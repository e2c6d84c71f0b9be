namespace Granary.Tokenization.PostProcessors;

internal sealed class SequenceProcessor(IReadOnlyList<IPostProcessor> processors) : IPostProcessor
{
    public List<int> Process(List<int> ids, bool addSpecialTokens)
    {
        foreach (var processor in processors)
        {
            ids = processor.Process(ids, addSpecialTokens);
        }

        return ids;
    }
}

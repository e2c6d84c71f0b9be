namespace Granary.Tokenization.PostProcessors;

/// <summary>TemplateProcessing for a single sequence, e.g. "&lt;s&gt; $A" for a BOS token.</summary>
internal sealed class TemplateProcessor(IReadOnlyList<TemplatePiece> single) : IPostProcessor
{
    public IReadOnlyList<TemplatePiece> Single { get; } = single;

    public List<int> Process(List<int> ids, bool addSpecialTokens)
    {
        if (!addSpecialTokens)
        {
            return ids;
        }

        var result = new List<int>(ids.Count + 4);
        foreach (var piece in Single)
        {
            if (piece.IsSequence)
            {
                result.AddRange(ids);
            }
            else
            {
                result.AddRange(piece.SpecialIds);
            }
        }

        return result;
    }
}

namespace Granary.Tokenization.Patterns;

/// <summary>
/// Something that finds matches in a text, like tokenizers' <c>Pattern::find_matches</c>: the
/// output segments cover the whole text in order, alternating matches and the gaps between them.
/// </summary>
internal interface ISplitPattern
{
    void FindSegments(string text, List<PatternSegment> segments);
}

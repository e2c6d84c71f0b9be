namespace Granary.Tokenization.PostProcessors;

/// <summary>One element of a template: the sequence itself, or the ids of a special token.</summary>
internal sealed record TemplatePiece(bool IsSequence, IReadOnlyList<int> SpecialIds)
{
    public static TemplatePiece Sequence { get; } = new(true, []);

    public static TemplatePiece Special(IReadOnlyList<int> ids) => new(false, ids);
}

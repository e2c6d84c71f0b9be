namespace Granary.Structured.Expressions;

internal sealed class SequenceExpression(IReadOnlyList<GrammarExpression> parts) : GrammarExpression
{
    public IReadOnlyList<GrammarExpression> Parts { get; } = parts;
}

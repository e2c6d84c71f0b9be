namespace Granary.Structured.Expressions;

internal sealed class ChoiceExpression(IReadOnlyList<GrammarExpression> options) : GrammarExpression
{
    public IReadOnlyList<GrammarExpression> Options { get; } = options;
}

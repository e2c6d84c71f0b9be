namespace Granary.Structured.Expressions;

/// <summary>A call of a named rule: how recursion (recursive $ref, nested JSON values) is expressed.</summary>
internal sealed class RuleExpression(GrammarRule rule) : GrammarExpression
{
    public GrammarRule Rule { get; } = rule;
}

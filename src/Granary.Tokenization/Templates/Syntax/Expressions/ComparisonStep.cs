namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>One <c>op operand</c> link of a (possibly chained) comparison.</summary>
internal sealed record ComparisonStep(CompareOperator Operator, Expression Operand);

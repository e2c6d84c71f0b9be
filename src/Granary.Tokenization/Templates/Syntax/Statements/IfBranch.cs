using Granary.Tokenization.Templates.Syntax.Expressions;

namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary>An <c>if</c> or <c>elif</c> condition with its body.</summary>
internal sealed record IfBranch(Expression Condition, Node[] Body);

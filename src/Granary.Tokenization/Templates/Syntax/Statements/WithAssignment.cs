using Granary.Tokenization.Templates.Syntax.Expressions;
using Granary.Tokenization.Templates.Syntax.Targets;

namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary>One <c>target = value</c> of a <c>with</c> statement.</summary>
internal sealed record WithAssignment(AssignTarget Target, Expression Value);

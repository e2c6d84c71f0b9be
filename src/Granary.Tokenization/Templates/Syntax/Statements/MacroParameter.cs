using Granary.Tokenization.Templates.Syntax.Expressions;

namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary>A macro parameter; its default is evaluated at call time, after the parameters before it.</summary>
internal sealed record MacroParameter(string Name, Expression? Default);

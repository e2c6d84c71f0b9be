using Granary.Tokenization.Templates.Filters;

namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>One filter application <c>| name(args)</c>, resolved when parsing so unknown filters fail early.</summary>
internal sealed record FilterCall(int Line, string Name, FilterFunction Function, Expression[] Positional, NamedArgument[] Named);

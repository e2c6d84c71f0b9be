namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>A keyword argument <c>name=value</c> of a call, filter or test.</summary>
internal sealed record NamedArgument(string Name, Expression Value);

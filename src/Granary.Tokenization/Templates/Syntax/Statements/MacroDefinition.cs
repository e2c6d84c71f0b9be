namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary>
/// A macro (or the body of a <c>call</c> block). Like Jinja, a macro accepts extra positional or keyword
/// arguments, or a <c>caller</c>, only if its body mentions <c>varargs</c>, <c>kwargs</c> or <c>caller</c>.
/// </summary>
internal sealed record MacroDefinition(int Line, string Name, MacroParameter[] Parameters, Node[] Body, bool UsesCaller, bool UsesVarargs, bool UsesKwargs);

namespace Granary.Tokenization.Templates.Syntax.Targets;

/// <summary>The left side of <c>set</c>, <c>for</c> and <c>with</c>.</summary>
internal abstract class AssignTarget;

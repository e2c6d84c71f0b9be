namespace Granary.Structured.Expressions;

/// <summary>
/// The members of a JSON object in a fixed order, optional ones skippable, then any number of
/// extra members, with separators only between members present. Its own node (not a tree of
/// choices) so the automaton stays linear in the number of properties.
/// </summary>
internal sealed class ObjectMembersExpression(
    IReadOnlyList<(GrammarExpression Member, bool Required)> members,
    GrammarExpression? extraMember,
    GrammarExpression separator) : GrammarExpression
{
    public IReadOnlyList<(GrammarExpression Member, bool Required)> Members { get; } = members;

    /// <summary>An undeclared member (any number of them), or null when none may appear.</summary>
    public GrammarExpression? ExtraMember { get; } = extraMember;

    public GrammarExpression Separator { get; } = separator;
}

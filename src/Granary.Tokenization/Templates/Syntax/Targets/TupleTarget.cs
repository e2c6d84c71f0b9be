namespace Granary.Tokenization.Templates.Syntax.Targets;

/// <summary>Unpacking into several targets: <c>for key, value in ...</c>.</summary>
internal sealed class TupleTarget(AssignTarget[] items) : AssignTarget
{
    public AssignTarget[] Items => items;
}

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>One group of the <c>groupby</c> filter: a named tuple <c>(grouper, list)</c>.</summary>
internal sealed class GroupTuple(object? grouper, List<object?> list)
{
    public object? Grouper => grouper;

    public List<object?> List => list;

    public object?[] Items => [grouper, list];
}

namespace Granary.Structured.Runtime;

/// <summary>An immutable call-stack entry: where to continue when the called rule ends. Compared by value.</summary>
internal sealed class StackFrame : IEquatable<StackFrame>
{
    private readonly int _hash;

    public StackFrame(int returnState, StackFrame? parent)
    {
        ReturnState = returnState;
        Parent = parent;
        Depth = (parent?.Depth ?? 0) + 1;
        _hash = HashCode.Combine(returnState, parent?._hash ?? 0, Depth);
    }

    public int ReturnState { get; }

    public StackFrame? Parent { get; }

    public int Depth { get; }

    public static int HashOf(StackFrame? frame) => frame?._hash ?? 0;

    public bool Equals(StackFrame? other)
    {
        var left = this;
        var right = other;
        while (left is not null && right is not null)
        {
            if (ReferenceEquals(left, right))
            {
                return true;
            }

            if (left._hash != right._hash || left.ReturnState != right.ReturnState || left.Depth != right.Depth)
            {
                return false;
            }

            left = left.Parent;
            right = right.Parent;
        }

        return left is null && right is null;
    }

    public override bool Equals(object? obj) => Equals(obj as StackFrame);

    public override int GetHashCode() => _hash;
}

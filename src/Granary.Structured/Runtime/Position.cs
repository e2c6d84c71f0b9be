namespace Granary.Structured.Runtime;

/// <summary>A place in the grammar: a DFA state plus the calls to return through after it.</summary>
internal readonly record struct Position(int State, StackFrame? Stack)
{
    public bool Equals(Position other) => State == other.State && Equals(Stack, other.Stack);

    public override int GetHashCode() => HashCode.Combine(State, StackFrame.HashOf(Stack));
}

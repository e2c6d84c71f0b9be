namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary>A template statement; <see cref="Line"/> is where it starts, for error messages.</summary>
internal abstract class Node(int line)
{
    public int Line => line;
}

namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>An expression node; <see cref="Line"/> is where it starts, for error messages.</summary>
internal abstract class Expression(int line)
{
    public int Line => line;
}

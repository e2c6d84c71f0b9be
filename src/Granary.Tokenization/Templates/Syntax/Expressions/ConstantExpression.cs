namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>A literal: string, number, true/false/none.</summary>
internal sealed class ConstantExpression(int line, object? value) : Expression(line)
{
    public object? Value => value;
}

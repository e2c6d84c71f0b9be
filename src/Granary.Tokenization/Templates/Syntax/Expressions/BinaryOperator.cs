namespace Granary.Tokenization.Templates.Syntax.Expressions;

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    FloorDivide,
    Modulo,
    Power,
    Concatenate,
}

namespace Granary.Tokenization.Templates.Syntax.Expressions;

internal enum UnaryOperator
{
    Negate,
    Plus,
    Not,
}

namespace Granary.Structured.Expressions;

internal sealed class LiteralExpression(byte[] bytes) : GrammarExpression
{
    public byte[] Bytes { get; } = bytes;
}

namespace Granary.Structured.Expressions;

/// <summary><paramref name="min"/> to <paramref name="max"/> (null: unbounded) items, separated by <paramref name="separator"/>.</summary>
internal sealed class RepeatExpression(GrammarExpression item, GrammarExpression? separator, int min, int? max) : GrammarExpression
{
    public GrammarExpression Item { get; } = item;

    public GrammarExpression? Separator { get; } = separator;

    public int Min { get; } = min;

    public int? Max { get; } = max;
}

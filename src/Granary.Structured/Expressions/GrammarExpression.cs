namespace Granary.Structured.Expressions;

/// <summary>
/// An immutable grammar over bytes as the front ends build it (JSON Schema, regex, choices,
/// public combinators). <see cref="Automata.ByteNfaBuilder"/> turns it into automata.
/// </summary>
internal abstract class GrammarExpression
{
    public static GrammarExpression Empty { get; } = new SequenceExpression([]);

    /// <summary>The empty language: no text matches (an anyOf with no satisfiable branch).</summary>
    public static GrammarExpression Nothing { get; } = new ChoiceExpression([]);

    public static GrammarExpression Sequence(params GrammarExpression[] parts) =>
        parts.Length == 1 ? parts[0] : new SequenceExpression(parts);

    public static GrammarExpression Choice(IReadOnlyList<GrammarExpression> options) =>
        options.Count == 1 ? options[0] : new ChoiceExpression(options);

    public static GrammarExpression Optional(GrammarExpression item) => Choice([Empty, item]);

    public static GrammarExpression Literal(string text) => new LiteralExpression(System.Text.Encoding.UTF8.GetBytes(text));
}

using Granary.Structured.Expressions;

namespace Granary.Structured.Json;

/// <summary>
/// Whitespace is bounded so a model cannot stall in it: each structural position (after '{', '['
/// and ':' or ',', and before '}' or ']') takes nothing, one space, or one newline followed by at
/// most <see cref="MaxIndent"/> spaces. That covers compact, OpenAI-style and pretty-printed JSON
/// (two- or four-space indents up to four levels). None before ':' or ',' and none around the
/// top-level value: generation ends right after it.
/// </summary>
internal static class JsonWhitespace
{
    public const int MaxIndent = 16;

    public static GrammarExpression Optional { get; } = GrammarExpression.Choice(
    [
        GrammarExpression.Empty,
        GrammarExpression.Literal(" "),
        GrammarExpression.Sequence(GrammarExpression.Literal("\n"), new RepeatExpression(GrammarExpression.Literal(" "), null, 0, MaxIndent)),
    ]);

    /// <summary>',' then optional whitespace: the separator of members and items.</summary>
    public static GrammarExpression Comma { get; } = GrammarExpression.Sequence(GrammarExpression.Literal(","), Optional);

    /// <summary>':' then optional whitespace.</summary>
    public static GrammarExpression Colon { get; } = GrammarExpression.Sequence(GrammarExpression.Literal(":"), Optional);

    public static GrammarExpression Open(char bracket) => GrammarExpression.Sequence(GrammarExpression.Literal(bracket.ToString()), Optional);

    public static GrammarExpression Close(char bracket) => GrammarExpression.Sequence(Optional, GrammarExpression.Literal(bracket.ToString()));
}

using Granary.Structured.Expressions;
using Granary.Structured.Text;

namespace Granary.Structured.Json;

/// <summary>Any JSON value (recursive rule) and the shared pieces of JSON text.</summary>
internal static class JsonValueGrammar
{
    public static GrammarExpression AnyString { get; } = StringOf(CharDfaOperations.AnyText(CodePointSet.AllScalars));

    public static GrammarExpression AnyValue => new RuleExpression(ValueRule.Value);

    public static GrammarExpression AnyObject => ObjectOf(AnyValue);

    private static GrammarExpression Literals { get; } = GrammarExpression.Choice(
        [GrammarExpression.Literal("true"), GrammarExpression.Literal("false"), GrammarExpression.Literal("null")]);

    // Declared after the pieces it uses: static initializers run in order.
    private static readonly Lazy<GrammarRule> ValueRule = new(() => GrammarRule.Define("json-value", self =>
        GrammarExpression.Choice([ObjectOf(new RuleExpression(self)), ArrayOf(new RuleExpression(self)), AnyString, JsonNumbers.Number, Literals])));

    /// <summary>
    /// A JSON string whose decoded content is a text of <paramref name="content"/>. Strings are
    /// rules of their own (called, not inlined) so every place a string appears shares the mask
    /// of its inside (see <see cref="Runtime.MaskWalker"/>): the expensive masks are computed once.
    /// </summary>
    public static GrammarExpression StringOf(CharDfa content) => new RuleExpression(new GrammarRule("string")
    {
        Body = GrammarExpression.Sequence(
            GrammarExpression.Literal("\""), new TextExpression(content, TextEncoding.JsonStringContent), GrammarExpression.Literal("\"")),
    });

    /// <summary>A member: the key, ':', whitespace, the value.</summary>
    public static GrammarExpression Member(GrammarExpression key, GrammarExpression value) =>
        GrammarExpression.Sequence(key, JsonWhitespace.Colon, value);

    public static GrammarExpression Object(ObjectMembersExpression members) =>
        GrammarExpression.Sequence(JsonWhitespace.Open('{'), members, JsonWhitespace.Close('}'));

    private static GrammarExpression ObjectOf(GrammarExpression value) =>
        Object(new ObjectMembersExpression([], Member(AnyString, value), JsonWhitespace.Comma));

    private static GrammarExpression ArrayOf(GrammarExpression value) => GrammarExpression.Sequence(
        JsonWhitespace.Open('['), new RepeatExpression(value, JsonWhitespace.Comma, 0, null), JsonWhitespace.Close(']'));
}

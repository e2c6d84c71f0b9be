using Granary.Structured.Automata;
using Granary.Structured.Expressions;
using Granary.Structured.Json;
using Granary.Structured.Regex;
using Granary.Structured.Text;

namespace Granary.Structured;

/// <summary>
/// An immutable grammar over UTF-8 bytes, compiled when created (so a bad schema or pattern fails
/// here, with <see cref="StructuredOutputException"/>). Share it across threads and requests.
/// </summary>
public sealed class Grammar
{
    private static readonly Lazy<Grammar> LazyAnyJsonObject = new(() => new Grammar(JsonValueGrammar.AnyObject));
    private static readonly Lazy<Grammar> LazyAnyJsonValue = new(() => new Grammar(JsonValueGrammar.AnyValue));

    private Grammar(GrammarExpression expression)
    {
        Expression = expression;
        Compiled = CompiledGrammar.Compile(expression);
    }

    internal GrammarExpression Expression { get; }

    internal CompiledGrammar Compiled { get; }

    /// <summary>JSON text valid against the schema (see <see cref="JsonSchemaCompiler"/> for coverage and bounds).</summary>
    public static Grammar JsonSchema(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        return new Grammar(JsonSchemaCompiler.Compile(schemaJson));
    }

    /// <summary>Any JSON object (response_format json_object).</summary>
    public static Grammar AnyJsonObject() => LazyAnyJsonObject.Value;

    public static Grammar AnyJsonValue() => LazyAnyJsonValue.Value;

    /// <summary>Text that the whole pattern matches (vLLM's structured_outputs.regex).</summary>
    public static Grammar Regex(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var text = RegexCompiler.FullMatch(pattern, CodePointSet.AllScalars, "regex");
        return text.IsEmptyLanguage
            ? throw new StructuredOutputException($"regex: /{pattern}/ matches no text.", "regex")
            : new Grammar(new TextExpression(text, TextEncoding.Utf8));
    }

    /// <summary>Exactly one of the strings.</summary>
    public static Grammar Choice(IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0)
        {
            throw new StructuredOutputException("A choice needs at least one string.", "choice");
        }

        return new Grammar(GrammarExpression.Choice(choices.Select(GrammarExpression.Literal).ToList()));
    }

    public static Grammar Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Grammar(GrammarExpression.Literal(text));
    }

    /// <summary>The parts one after the other.</summary>
    public static Grammar Sequence(params Grammar[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new Grammar(new SequenceExpression(parts.Select(p => p.Expression).ToArray()));
    }

    /// <summary>Any one of the options.</summary>
    public static Grammar Alternatives(params Grammar[] options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Length == 0)
        {
            throw new StructuredOutputException("Alternatives need at least one option.", "alternatives");
        }

        return new Grammar(new ChoiceExpression(options.Select(p => p.Expression).ToArray()));
    }

    /// <summary><paramref name="min"/> to <paramref name="max"/> (null: unbounded) items with an optional separator between them.</summary>
    public static Grammar Repeat(Grammar item, Grammar? separator, int min, int? max)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "max is below min.");
        }

        return new Grammar(new RepeatExpression(item.Expression, separator?.Expression, min, max));
    }
}

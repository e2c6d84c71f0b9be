using Granary.Structured.Expressions;
using Granary.Structured.Regex;
using Granary.Structured.Text;

namespace Granary.Structured.Json;

/// <summary>
/// Unbounded numbers are capped so generation always ends and every consumer can read them:
/// integers stay within int64 (an unbounded side of an integer range is int64's limit); numbers
/// have at most <see cref="MaxIntegerDigits"/> integer digits (so the integer part fits int64),
/// <see cref="MaxFractionDigits"/> fraction digits and a two-digit exponent (a finite double).
/// No "-0" integer; no leading zeros.
/// </summary>
internal static class JsonNumbers
{
    public const int MaxIntegerDigits = 18;
    public const int MaxFractionDigits = 16;

    public static GrammarExpression Integer { get; } = DecimalRangeBuilder.Build(null, true, null, true, integer: true);

    public static GrammarExpression Number { get; } =
        Text($"-?(0|[1-9][0-9]{{0,{MaxIntegerDigits - 1}}})(\\.[0-9]{{1,{MaxFractionDigits}}})?([eE][+-]?[0-9]{{1,2}})?");

    public static GrammarExpression Text(string pattern) =>
        new TextExpression(RegexCompiler.FullMatch(pattern, CodePointSet.AllScalars, "number"), TextEncoding.Utf8);
}

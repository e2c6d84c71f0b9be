using Granary.Structured.Expressions;
using Granary.Structured.Regex;
using Granary.Structured.Text;

namespace Granary.Structured.Json;

/// <summary>
/// Unbounded numbers are capped so generation always ends: at most <see cref="MaxIntegerDigits"/>
/// integer digits, <see cref="MaxFractionDigits"/> fraction digits and a two-digit exponent
/// (so every number is a finite double). No "-0" integer; no leading zeros.
/// </summary>
internal static class JsonNumbers
{
    public const int MaxIntegerDigits = 19;
    public const int MaxFractionDigits = 16;

    public static GrammarExpression Integer { get; } = Text($"0|-?[1-9][0-9]{{0,{MaxIntegerDigits - 1}}}");

    public static GrammarExpression Number { get; } =
        Text($"-?(0|[1-9][0-9]{{0,{MaxIntegerDigits - 1}}})(\\.[0-9]{{1,{MaxFractionDigits}}})?([eE][+-]?[0-9]{{1,2}})?");

    public static GrammarExpression Text(string pattern) =>
        new TextExpression(RegexCompiler.FullMatch(pattern, CodePointSet.AllScalars, "number"), TextEncoding.Utf8);
}

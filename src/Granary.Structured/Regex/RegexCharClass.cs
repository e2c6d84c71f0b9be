using Granary.Structured.Text;

namespace Granary.Structured.Regex;

/// <summary>
/// A character class under two readings. Regex flavours disagree on <c>\d \w \s</c> (ASCII in
/// ECMA-262, Unicode in Python and .NET), so we keep the narrowest set every flavour matches and
/// the broadest set any flavour matches. Generation uses <see cref="Narrow"/>; negation swaps the
/// two, so <c>\D</c> or <c>[^\w]</c> only yield characters that no flavour counts as digit or word.
/// Text generated this way matches the pattern in ECMA-262, Python <c>re</c> and .NET alike.
/// Negated classes (and <c>.</c>) stay in the BMP: UTF-16 engines see a character beyond it as
/// two units, which one <c>.</c> or <c>[^a]</c> would not match.
/// </summary>
internal sealed record RegexCharClass(CodePointSet Narrow, CodePointSet Broad)
{
    public static RegexCharClass Empty { get; } = Exact(CodePointSet.Empty);

    public static RegexCharClass Exact(CodePointSet set) => new(set, set);

    public RegexCharClass Union(RegexCharClass other) => new(Narrow.Union(other.Narrow), Broad.Union(other.Broad));

    public RegexCharClass Negate() => new(
        Broad.Complement().Intersect(CodePointSet.BmpScalars),
        Narrow.Complement().Intersect(CodePointSet.BmpScalars));
}

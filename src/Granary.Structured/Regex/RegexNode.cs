namespace Granary.Structured.Regex;

/// <summary>A parsed regular expression (the language-relevant part: groups are transparent).</summary>
internal sealed record RegexNode(RegexNodeKind Kind, RegexCharClass? Characters, IReadOnlyList<RegexNode> Children, int Min = 0, int? Max = null)
{
    public static RegexNode Empty { get; } = new(RegexNodeKind.Empty, null, []);

    public static RegexNode Chars(RegexCharClass characters) => new(RegexNodeKind.Characters, characters, []);

    public static RegexNode Concat(IReadOnlyList<RegexNode> parts) => parts.Count == 1 ? parts[0] : new(RegexNodeKind.Concatenation, null, parts);

    public static RegexNode Alternate(IReadOnlyList<RegexNode> options) => options.Count == 1 ? options[0] : new(RegexNodeKind.Alternation, null, options);

    public static RegexNode Repeat(RegexNode item, int min, int? max) => new(RegexNodeKind.Repetition, null, [item], min, max);
}

namespace Granary.Structured.Regex;

internal enum RegexNodeKind
{
    Empty,
    Characters,
    Concatenation,
    Alternation,
    Repetition,
    StartAnchor,
    EndAnchor,
}

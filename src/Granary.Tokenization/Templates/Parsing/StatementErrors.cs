using Granary.Tokenization.Templates.Lexing;

namespace Granary.Tokenization.Templates.Parsing;

/// <summary>
/// Tracks the block tags being parsed so that a stray or missing end tag gets a message saying what was
/// expected and which tag is still open, like Jinja's "Encountered unknown tag" errors.
/// </summary>
internal sealed class StatementErrors(TokenStream stream)
{
    private static readonly HashSet<string> KnownTagWords =
    [
        "endif", "elif", "else", "endfor", "endset", "endmacro", "endcall", "endfilter", "endwith",
        "endraw", "endgeneration", "endblock", "raw",
    ];

    private readonly List<(string Tag, int Line, string[] EndTags)> _open = [];

    public void Open(string tag, int line, string[] endTags) => _open.Add((tag, line, endTags));

    public void Close() => _open.RemoveAt(_open.Count - 1);

    public ChatTemplateException UnknownTag(Token token)
    {
        var message = KnownTagWords.Contains(token.Text) ? $"unexpected '{token.Text}'" : $"unknown tag '{token.Text}'";
        return new ChatTemplateException(token.Line, message + ExpectedSuffix());
    }

    public ChatTemplateException UnexpectedEnd() =>
        new(stream.Current.Line, "unexpected end of template" + ExpectedSuffix());

    private string ExpectedSuffix()
    {
        if (_open.Count == 0)
            return "";
        var (tag, line, endTags) = _open[^1];
        var expected = string.Join(" or ", endTags.Select(t => $"'{t}'"));
        return $", expected {expected} to close the '{tag}' on line {line}";
    }
}

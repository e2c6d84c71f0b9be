using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Lexing;

/// <summary>
/// Splits a template into text and tag tokens with Jinja2's whitespace rules under Hugging Face's settings:
/// <c>trim_blocks</c> (one newline after a block or comment tag is dropped), <c>lstrip_blocks</c> (spaces and
/// tabs before a block or comment tag at the start of a line are dropped), <c>keep_trailing_newline=False</c>,
/// and the <c>-</c> / <c>+</c> markers. This mirrors the state machine of <c>jinja2.lexer</c>, including its
/// "line starting" flag, so the text between tags comes out byte-identical.
/// </summary>
internal sealed class TemplateLexer
{
    private readonly string _source;
    private readonly int[] _lineStarts;
    private readonly List<Token> _tokens = [];
    private int _position;
    private bool _lineStarting = true;

    private TemplateLexer(string source)
    {
        _source = source;
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
                starts.Add(i + 1);
        }
        _lineStarts = [.. starts];
    }

    public static List<Token> Tokenize(string source)
    {
        var lexer = new TemplateLexer(NormalizeNewlines(source));
        lexer.Run();
        return lexer._tokens;
    }

    /// <summary>Jinja turns \r\n and \r into \n and drops one trailing newline of the source.</summary>
    private static string NormalizeNewlines(string source)
    {
        if (source.Contains('\r'))
            source = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return source.EndsWith('\n') ? source[..^1] : source;
    }

    private int LineAt(int position)
    {
        var index = Array.BinarySearch(_lineStarts, position);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private void Run()
    {
        while (_position < _source.Length)
        {
            var open = FindTagStart(_position);
            if (open < 0)
            {
                EmitData(_position, _source[_position..]);
                break;
            }
            var kind = _source[open + 1];
            var signIndex = open + 2;
            var sign = signIndex < _source.Length && _source[signIndex] is '-' or '+' ? _source[signIndex] : '\0';
            var rawBeginEnd = kind == '%' ? MatchRawBegin(open) : -1;
            EmitData(_position, ApplyLeftControl(_source[_position..open], sign, lstripAllowed: kind != '{'));
            var contentStart = signIndex + (sign == '\0' ? 0 : 1);
            if (rawBeginEnd >= 0)
                LexRaw(open, rawBeginEnd);
            else if (kind == '#')
                LexComment(open, contentStart);
            else
                LexTag(open, contentStart, isBlock: kind == '%');
        }
        _tokens.Add(new Token(TokenKind.EndOfTemplate, "", LineAt(_source.Length)));
    }

    private int FindTagStart(int from)
    {
        for (var i = _source.IndexOf('{', from); i >= 0 && i + 1 < _source.Length; i = _source.IndexOf('{', i + 1))
        {
            if (_source[i + 1] is '{' or '%' or '#')
                return i;
        }
        return -1;
    }

    /// <summary>Strips the text before a tag: everything for <c>-</c>, an indentation-only line for lstrip_blocks.</summary>
    private string ApplyLeftControl(string text, char sign, bool lstripAllowed)
    {
        if (sign == '-')
            return PyStrings.Strip(text, null, left: false, right: true);
        if (sign == '+' || !lstripAllowed)
            return text;
        var lineStart = text.LastIndexOf('\n') + 1;
        if (lineStart == 0 && !_lineStarting)
            return text;
        for (var i = lineStart; i < text.Length; i++)
        {
            if (text[i] is not (' ' or '\t'))
                return text;
        }
        return text[..lineStart];
    }

    private void EmitData(int position, string text)
    {
        if (text.Length > 0)
            _tokens.Add(new Token(TokenKind.Data, text, LineAt(position)));
    }

    private void LexTag(int open, int contentStart, bool isBlock)
    {
        var line = LineAt(open);
        _tokens.Add(new Token(isBlock ? TokenKind.BlockBegin : TokenKind.VariableBegin, "", line));
        var openBrackets = new Stack<char>();
        var position = contentStart;
        while (true)
        {
            if (position >= _source.Length)
                throw new ChatTemplateException(line, $"unexpected end of template, the {(isBlock ? "statement block" : "print statement")} was never closed");
            if (openBrackets.Count == 0 && TryMatchTagEnd(position, isBlock) is var end and >= 0)
            {
                _tokens.Add(new Token(isBlock ? TokenKind.BlockEnd : TokenKind.VariableEnd, "", LineAt(position)));
                Finish(end);
                return;
            }
            if (PyStrings.IsWhitespace(_source[position]))
            {
                position++;
                continue;
            }
            var token = ExpressionTokenReader.Read(_source, ref position, LineAt(position));
            TrackBrackets(token, openBrackets);
            _tokens.Add(token);
        }
    }

    private static void TrackBrackets(Token token, Stack<char> openBrackets)
    {
        if (token.Kind != TokenKind.Operator)
            return;
        switch (token.Text)
        {
            case "(": openBrackets.Push(')'); break;
            case "[": openBrackets.Push(']'); break;
            case "{": openBrackets.Push('}'); break;
            case ")" or "]" or "}":
                if (openBrackets.Count == 0)
                    throw new ChatTemplateException(token.Line, $"unexpected '{token.Text}'");
                var expected = openBrackets.Pop();
                if (expected != token.Text[0])
                    throw new ChatTemplateException(token.Line, $"unexpected '{token.Text}', expected '{expected}'");
                break;
        }
    }

    /// <summary>Matches <c>+%}</c>, <c>-%}</c> + whitespace, <c>%}</c> + one newline (or the <c>}}</c> forms).</summary>
    private int TryMatchTagEnd(int position, bool isBlock)
    {
        var close = isBlock ? "%}" : "}}";
        if (isBlock && StartsWithAt(position, "+%}"))
            return position + 3;
        if (_source[position] == '-' && StartsWithAt(position + 1, close))
            return SkipWhitespace(position + 3);
        if (StartsWithAt(position, close))
            return isBlock ? SkipOneNewline(position + 2) : position + 2;
        return -1;
    }

    private void LexComment(int open, int contentStart)
    {
        for (var i = contentStart; i < _source.Length; i++)
        {
            if (_source[i] == '+' && StartsWithAt(i + 1, "#}"))
            {
                Finish(i + 3);
                return;
            }
            if (_source[i] == '-' && StartsWithAt(i + 1, "#}"))
            {
                Finish(SkipWhitespace(i + 3));
                return;
            }
            if (StartsWithAt(i, "#}"))
            {
                Finish(SkipOneNewline(i + 2));
                return;
            }
        }
        throw new ChatTemplateException(LineAt(open), "missing end of comment tag");
    }

    /// <summary>Matches <c>{% raw %}</c> (no trim_blocks newline removal, as in Jinja); returns its end or -1.</summary>
    private int MatchRawBegin(int open)
    {
        var position = open + 2;
        if (position < _source.Length && _source[position] is '-' or '+')
            position++;
        position = SkipWhitespace(position);
        if (!StartsWithAt(position, "raw"))
            return -1;
        position = SkipWhitespace(position + 3);
        if (StartsWithAt(position, "-%}"))
            return SkipWhitespace(position + 3);
        return StartsWithAt(position, "%}") ? position + 2 : -1;
    }

    private void LexRaw(int open, int contentStart)
    {
        _lineStarting = _source[contentStart - 1] == '\n';
        for (var tag = _source.IndexOf("{%", contentStart, StringComparison.Ordinal); tag >= 0;
             tag = _source.IndexOf("{%", tag + 1, StringComparison.Ordinal))
        {
            var position = tag + 2;
            var sign = position < _source.Length && _source[position] is '-' or '+' ? _source[position++] : '\0';
            position = SkipWhitespace(position);
            if (!StartsWithAt(position, "endraw"))
                continue;
            position = SkipWhitespace(position + 6);
            var end = TryMatchTagEnd(position, isBlock: true);
            if (end < 0)
                continue;
            EmitData(contentStart, ApplyLeftControl(_source[contentStart..tag], sign, lstripAllowed: true));
            Finish(end);
            return;
        }
        throw new ChatTemplateException(LineAt(open), "missing end of raw directive");
    }

    private void Finish(int end)
    {
        _position = end;
        _lineStarting = _source[end - 1] == '\n';
    }

    private bool StartsWithAt(int position, string text) =>
        position + text.Length <= _source.Length && string.CompareOrdinal(_source, position, text, 0, text.Length) == 0;

    private int SkipWhitespace(int position)
    {
        while (position < _source.Length && PyStrings.IsWhitespace(_source[position]))
            position++;
        return position;
    }

    private int SkipOneNewline(int position) => position < _source.Length && _source[position] == '\n' ? position + 1 : position;
}

using System.Globalization;
using Granary.Structured.Text;

namespace Granary.Structured.Regex;

/// <summary>
/// Parses the supported regex subset: literals, <c>.</c>, classes with ranges, negation and
/// escapes, <c>\d \w \s \D \W \S</c>, quantifiers <c>* + ? {m} {m,} {m,n}</c> (lazy forms too:
/// they match the same texts), groups <c>(...)</c> <c>(?:...)</c> <c>(?&lt;name&gt;...)</c>,
/// alternation and the anchors <c>^ $</c>. Anything else (lookaround, backreferences, <c>\b</c>,
/// <c>\p{..}</c>, inline flags) is refused rather than approximated.
/// </summary>
internal sealed class RegexParser
{
    private const int MaxNesting = 100;
    private const int MaxRepeat = 1000;

    private readonly string _pattern;
    private readonly string _keyword;
    private int _position;
    private int _depth;

    private RegexParser(string pattern, string keyword)
    {
        _pattern = pattern;
        _keyword = keyword;
    }

    public static RegexNode Parse(string pattern, string keyword)
    {
        var parser = new RegexParser(pattern, keyword);
        var node = parser.ParseAlternation();
        if (parser._position < pattern.Length)
        {
            throw parser.Error($"unbalanced ')' at {parser._position}");
        }

        return node;
    }

    private bool AtEnd => _position >= _pattern.Length;

    private char Peek => _pattern[_position];

    private RegexNode ParseAlternation()
    {
        if (++_depth > MaxNesting)
        {
            throw Error("groups nested too deeply");
        }

        var options = new List<RegexNode> { ParseConcatenation() };
        while (!AtEnd && Peek == '|')
        {
            _position++;
            options.Add(ParseConcatenation());
        }

        _depth--;
        return RegexNode.Alternate(options);
    }

    private RegexNode ParseConcatenation()
    {
        var parts = new List<RegexNode>();
        while (!AtEnd && Peek != '|' && Peek != ')')
        {
            var atom = ParseAtom();
            parts.Add(ParseQuantifiers(atom));
        }

        return parts.Count == 0 ? RegexNode.Empty : RegexNode.Concat(parts);
    }

    private RegexNode ParseQuantifiers(RegexNode atom)
    {
        while (!AtEnd)
        {
            int min;
            int? max;
            var start = _position;
            switch (Peek)
            {
                case '*': (min, max) = (0, null); _position++; break;
                case '+': (min, max) = (1, null); _position++; break;
                case '?': (min, max) = (0, 1); _position++; break;
                case '{' when TryParseBraces(out min, out max): break;
                default: return atom;
            }

            if (atom.Kind is RegexNodeKind.StartAnchor or RegexNodeKind.EndAnchor)
            {
                throw Error($"quantifier on an anchor at {start}");
            }

            if (!AtEnd && Peek == '?')
            {
                _position++; // lazy: same language
            }
            else if (!AtEnd && Peek == '+')
            {
                throw Error("possessive quantifiers are not supported");
            }

            atom = RegexNode.Repeat(atom, min, max);
            if (!AtEnd && Peek is '*' or '+' or '?' or '{' && (Peek != '{' || TryPeekBraces()))
            {
                throw Error($"nested quantifier at {_position}");
            }
        }

        return atom;
    }

    private bool TryPeekBraces()
    {
        var saved = _position;
        var isQuantifier = TryParseBraces(out _, out _);
        _position = saved;
        return isQuantifier;
    }

    private bool TryParseBraces(out int min, out int? max)
    {
        min = 0;
        max = null;
        var close = _pattern.IndexOf('}', _position);
        if (close < 0)
        {
            return false;
        }

        var body = _pattern[(_position + 1)..close];
        var comma = body.IndexOf(',');
        var minText = comma < 0 ? body : body[..comma];
        if (!int.TryParse(minText, NumberStyles.None, CultureInfo.InvariantCulture, out min))
        {
            return false; // a literal '{', as ECMA-262 Annex B and Python read it
        }

        if (comma < 0)
        {
            max = min;
        }
        else if (body.Length > comma + 1)
        {
            if (!int.TryParse(body[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var upper))
            {
                return false;
            }

            max = upper;
        }

        if (max < min || min > MaxRepeat || max > MaxRepeat)
        {
            throw Error($"bad or too large repetition {{{body}}} (at most {MaxRepeat})");
        }

        _position = close + 1;
        return true;
    }

    private RegexNode ParseAtom()
    {
        var c = Peek;
        _position++;
        switch (c)
        {
            case '.':
                return RegexNode.Chars(UnicodeClasses.AnyButNewline);
            case '^':
                return new RegexNode(RegexNodeKind.StartAnchor, null, []);
            case '$':
                return new RegexNode(RegexNodeKind.EndAnchor, null, []);
            case '(':
                return ParseGroup();
            case '[':
                return RegexNode.Chars(ParseClass());
            case '\\':
                return RegexNode.Chars(ParseEscape(inClass: false));
            case '*' or '+' or '?':
                throw Error($"nothing to repeat at {_position - 1}");
            default:
                return RegexNode.Chars(RegexCharClass.Exact(CodePointSet.Single(ReadLiteralRest(c))));
        }
    }

    private RegexNode ParseGroup()
    {
        if (!AtEnd && Peek == '?')
        {
            var rest = _pattern[_position..];
            if (rest.StartsWith("?:", StringComparison.Ordinal))
            {
                _position += 2;
            }
            else if ((rest.StartsWith("?<", StringComparison.Ordinal) || rest.StartsWith("?P<", StringComparison.Ordinal))
                     && !rest.StartsWith("?<=", StringComparison.Ordinal) && !rest.StartsWith("?<!", StringComparison.Ordinal))
            {
                _position = _pattern.IndexOf('>', _position) is var end and > 0 ? end + 1 : throw Error("unterminated group name");
            }
            else
            {
                throw Error($"'(?{(rest.Length > 1 ? rest[1] : ' ')}' (lookaround or inline flags) is not supported");
            }
        }

        var inner = ParseAlternation();
        if (AtEnd || Peek != ')')
        {
            throw Error("missing ')'");
        }

        _position++;
        return inner;
    }

    private RegexCharClass ParseClass()
    {
        var negated = !AtEnd && Peek == '^';
        if (negated)
        {
            _position++;
        }

        var result = RegexCharClass.Empty;
        var first = true;
        while (true)
        {
            if (AtEnd)
            {
                throw Error("missing ']'");
            }

            if (Peek == ']' && !first)
            {
                _position++;
                break;
            }

            first = false;
            var item = ParseClassAtom(out var single);
            if (single is { } low && !AtEnd && Peek == '-' && _position + 1 < _pattern.Length && _pattern[_position + 1] != ']')
            {
                _position++;
                ParseClassAtom(out var upper);
                if (upper is not { } high || high < low)
                {
                    throw Error($"bad class range at {_position}");
                }

                item = RegexCharClass.Exact(CodePointSet.Range(low, high));
            }

            result = result.Union(item);
        }

        return negated ? result.Negate() : result;
    }

    private RegexCharClass ParseClassAtom(out int? single)
    {
        var c = Peek;
        _position++;
        var item = c == '\\' ? ParseEscape(inClass: true) : RegexCharClass.Exact(CodePointSet.Single(ReadLiteralRest(c)));
        single = item.Narrow.Equals(item.Broad) && item.Narrow.Ranges is [var only] && only.Low == only.High ? only.Low : null;
        return item;
    }

    private int ReadLiteralRest(char c)
    {
        if (char.IsHighSurrogate(c) && !AtEnd && char.IsLowSurrogate(Peek))
        {
            return char.ConvertToUtf32(c, _pattern[_position++]);
        }

        return c;
    }

    private RegexCharClass ParseEscape(bool inClass) => RegexEscapes.Parse(_pattern, ref _position, inClass, _keyword);

    private StructuredOutputException Error(string what) => new($"{_keyword}: {what} in /{_pattern}/", _keyword);
}

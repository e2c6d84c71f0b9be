namespace Granary.Engine.Tools;

/// <summary>
/// Checks one JSON value (RFC 8259) character by character as it streams in, so that a tool call's
/// arguments are known to be complete, valid JSON the moment their last character arrives. Nesting
/// is tracked on a heap stack, never by recursion, so deep model output cannot overflow the thread.
/// </summary>
internal sealed class JsonValueScanner
{
    private readonly List<bool> _containers = []; // true: object, false: array
    private Expect _expect = Expect.Value;
    private Token _token;
    private string _literal = "";
    private int _literalAt;
    private bool _stringIsKey;
    private bool _escaped;
    private int _unicodeDigits;
    private NumberPart _number;
    private bool _done;

    private enum Expect { Value, ValueOrEnd, KeyOrEnd, Key, Colon, CommaOrEnd }

    private enum Token { None, String, Number, Literal }

    private enum NumberPart { Sign, Zero, Integer, Dot, Fraction, Exponent, ExponentSign, ExponentDigits }

    /// <summary>The value must start with the first character fed (no leading whitespace).</summary>
    public JsonScan Feed(char c)
    {
        if (_done) return JsonScan.Invalid;
        switch (_token)
        {
            case Token.String:
                return InString(c);
            case Token.Literal:
                if (c != _literal[_literalAt]) return JsonScan.Invalid;
                if (++_literalAt < _literal.Length) return JsonScan.Continue;
                _token = Token.None;
                return ValueEnded();
            case Token.Number:
                if (ExtendsNumber(c)) return JsonScan.Continue;
                if (_number is not (NumberPart.Zero or NumberPart.Integer or NumberPart.Fraction or NumberPart.ExponentDigits))
                    return JsonScan.Invalid;
                _token = Token.None;
                if (_containers.Count == 0)
                {
                    _done = true;
                    return JsonScan.CompleteBefore;
                }
                _expect = Expect.CommaOrEnd;
                return Structural(c);
            default:
                return Structural(c);
        }
    }

    private JsonScan Structural(char c)
    {
        if (c is ' ' or '\t' or '\n' or '\r')
            return _containers.Count == 0 ? JsonScan.Invalid : JsonScan.Continue;
        switch (_expect)
        {
            case Expect.ValueOrEnd when c == ']':
                return Close();
            case Expect.Value or Expect.ValueOrEnd:
                return StartValue(c);
            case Expect.KeyOrEnd when c == '}':
                return Close();
            case Expect.KeyOrEnd or Expect.Key when c == '"':
                _token = Token.String;
                _stringIsKey = true;
                return JsonScan.Continue;
            case Expect.Colon when c == ':':
                _expect = Expect.Value;
                return JsonScan.Continue;
            case Expect.CommaOrEnd when c == ',':
                _expect = _containers[^1] ? Expect.Key : Expect.Value;
                return JsonScan.Continue;
            case Expect.CommaOrEnd when c == (_containers[^1] ? '}' : ']'):
                return Close();
            default:
                return JsonScan.Invalid;
        }
    }

    private JsonScan StartValue(char c)
    {
        switch (c)
        {
            case '{' or '[':
                _containers.Add(c == '{');
                _expect = c == '{' ? Expect.KeyOrEnd : Expect.ValueOrEnd;
                return JsonScan.Continue;
            case '"':
                _token = Token.String;
                _stringIsKey = false;
                return JsonScan.Continue;
            case '-' or (>= '0' and <= '9'):
                _token = Token.Number;
                _number = c switch { '-' => NumberPart.Sign, '0' => NumberPart.Zero, _ => NumberPart.Integer };
                return JsonScan.Continue;
            case 't' or 'f' or 'n':
                _token = Token.Literal;
                _literal = c switch { 't' => "true", 'f' => "false", _ => "null" };
                _literalAt = 1;
                return JsonScan.Continue;
            default:
                return JsonScan.Invalid;
        }
    }

    private JsonScan InString(char c)
    {
        if (_unicodeDigits > 0)
        {
            if (!char.IsAsciiHexDigit(c)) return JsonScan.Invalid;
            _unicodeDigits--;
            return JsonScan.Continue;
        }
        if (_escaped)
        {
            _escaped = false;
            if (c == 'u') _unicodeDigits = 4;
            return c is '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't' or 'u' ? JsonScan.Continue : JsonScan.Invalid;
        }
        switch (c)
        {
            case '\\':
                _escaped = true;
                return JsonScan.Continue;
            case '"':
                _token = Token.None;
                if (!_stringIsKey) return ValueEnded();
                _expect = Expect.Colon;
                return JsonScan.Continue;
            default:
                // Raw control characters are not allowed inside JSON strings.
                return c < ' ' ? JsonScan.Invalid : JsonScan.Continue;
        }
    }

    private bool ExtendsNumber(char c)
    {
        var digit = char.IsAsciiDigit(c);
        NumberPart? next = _number switch
        {
            NumberPart.Sign => c == '0' ? NumberPart.Zero : digit ? NumberPart.Integer : null,
            NumberPart.Zero => c == '.' ? NumberPart.Dot : c is 'e' or 'E' ? NumberPart.Exponent : null,
            NumberPart.Integer => digit ? NumberPart.Integer : c == '.' ? NumberPart.Dot : c is 'e' or 'E' ? NumberPart.Exponent : null,
            NumberPart.Dot => digit ? NumberPart.Fraction : null,
            NumberPart.Fraction => digit ? NumberPart.Fraction : c is 'e' or 'E' ? NumberPart.Exponent : null,
            NumberPart.Exponent => c is '+' or '-' ? NumberPart.ExponentSign : digit ? NumberPart.ExponentDigits : null,
            _ => digit ? NumberPart.ExponentDigits : null,
        };
        if (next is null) return false;
        _number = next.Value;
        return true;
    }

    private JsonScan Close()
    {
        _containers.RemoveAt(_containers.Count - 1);
        return ValueEnded();
    }

    private JsonScan ValueEnded()
    {
        if (_containers.Count == 0)
        {
            _done = true;
            return JsonScan.Complete;
        }
        _expect = Expect.CommaOrEnd;
        return JsonScan.Continue;
    }
}

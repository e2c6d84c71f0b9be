using System.Text;
using System.Text.Json;

namespace Granary.Engine.Tools;

/// <summary>
/// Reads one call object, <c>{"name": "f", "arguments": {...}}</c>, character by character: the name
/// once its string closes, and the arguments object's raw text as it arrives (taken in pieces), exactly
/// as the model wrote it. Keys may come in any order; unknown keys are skipped; the object is complete
/// only with a string name and an object of arguments, each given once.
/// </summary>
internal sealed class ToolCallObjectReader(string nameKey, IReadOnlyCollection<string> argumentsKeys)
{
    private readonly StringBuilder _token = new();
    private readonly StringBuilder _arguments = new();
    private JsonValueScanner _scanner = new();
    private Part _part = Part.Open;
    private Role _role;
    private bool _argumentsSeen;

    private enum Part { Open, KeyOrClose, Key, KeyText, Colon, Value, ValueText, CommaOrClose, Done }

    private enum Role { Name, Arguments, Other }

    /// <summary>The function name, once its string has closed.</summary>
    public string? Name { get; private set; }

    public bool ArgumentsComplete { get; private set; }

    public JsonScan Feed(char c)
    {
        var blank = c is ' ' or '\t' or '\n' or '\r';
        switch (_part)
        {
            case Part.Open when c == '{':
                _part = Part.KeyOrClose;
                return JsonScan.Continue;
            case Part.KeyOrClose when c == '}':
                return Close();
            case Part.KeyOrClose or Part.Key or Part.Colon or Part.Value or Part.CommaOrClose when blank:
                return JsonScan.Continue;
            case Part.KeyOrClose or Part.Key when c == '"':
                _part = Part.KeyText;
                return StartToken(c);
            case Part.KeyText:
                return ReadKey(c);
            case Part.Colon when c == ':':
                _part = Part.Value;
                return JsonScan.Continue;
            case Part.Value:
                return StartValue(c);
            case Part.ValueText:
                return ReadValue(c);
            case Part.CommaOrClose when c == ',':
                _part = Part.Key;
                return JsonScan.Continue;
            case Part.CommaOrClose when c == '}':
                return Close();
            default:
                return JsonScan.Invalid;
        }
    }

    /// <summary>Argument text read since the last call.</summary>
    public string TakeArguments()
    {
        var piece = _arguments.ToString();
        _arguments.Clear();
        return piece;
    }

    private JsonScan StartToken(char c)
    {
        _scanner = new JsonValueScanner();
        _token.Clear();
        _token.Append(c);
        return _scanner.Feed(c);
    }

    private JsonScan ReadKey(char c)
    {
        var scan = _scanner.Feed(c);
        if (scan == JsonScan.Invalid) return scan;
        _token.Append(c);
        if (scan == JsonScan.Continue) return scan;

        var key = Decode(_token.ToString());
        _role = key == nameKey ? Role.Name : key is not null && argumentsKeys.Contains(key) ? Role.Arguments : Role.Other;
        // A name or arguments given twice is ambiguous: not a call.
        if (key is null || (_role == Role.Name && Name is not null) || (_role == Role.Arguments && _argumentsSeen))
            return JsonScan.Invalid;
        _part = Part.Colon;
        return JsonScan.Continue;
    }

    private JsonScan StartValue(char c)
    {
        if ((_role == Role.Name && c != '"') || (_role == Role.Arguments && c != '{')) return JsonScan.Invalid;
        _argumentsSeen |= _role == Role.Arguments;
        _part = Part.ValueText;
        var scan = StartToken(c);
        if (_role == Role.Arguments) _arguments.Append(c);
        return scan;
    }

    private JsonScan ReadValue(char c)
    {
        var scan = _scanner.Feed(c);
        if (scan == JsonScan.Invalid) return scan;
        if (scan != JsonScan.CompleteBefore)
        {
            if (_role == Role.Arguments) _arguments.Append(c);
            else if (_role == Role.Name) _token.Append(c);
        }
        if (scan == JsonScan.Continue) return scan;

        if (_role == Role.Name && (Name = Decode(_token.ToString())) is null) return JsonScan.Invalid;
        ArgumentsComplete |= _role == Role.Arguments;
        _part = Part.CommaOrClose;
        // A number ended just before this character, which belongs to the object.
        return scan == JsonScan.CompleteBefore ? Feed(c) : JsonScan.Continue;
    }

    private JsonScan Close()
    {
        if (Name is null || !ArgumentsComplete) return JsonScan.Invalid;
        _part = Part.Done;
        return JsonScan.Complete;
    }

    /// <summary>A scanned JSON string literal's value; null when its escapes do not make valid text (lone surrogates).</summary>
    private static string? Decode(string literal)
    {
        try
        {
            using var document = JsonDocument.Parse(literal);
            return document.RootElement.GetString();
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}

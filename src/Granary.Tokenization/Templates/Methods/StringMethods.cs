using System.Globalization;
using Granary.Tokenization.Templates.Formatting;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Methods;

/// <summary>The Python <c>str</c> methods templates use, with Python's argument conventions and results.</summary>
internal static class StringMethods
{
    public static readonly IReadOnlyDictionary<string, MethodFunction> Table = new Dictionary<string, MethodFunction>
    {
        ["strip"] = (s, a) => Strip(s, a, "strip", left: true, right: true),
        ["lstrip"] = (s, a) => Strip(s, a, "lstrip", left: true, right: false),
        ["rstrip"] = (s, a) => Strip(s, a, "rstrip", left: false, right: true),
        ["split"] = (s, a) => Split(s, a, "split"),
        ["rsplit"] = (s, a) => Split(s, a, "rsplit"),
        ["splitlines"] = (s, a) => new List<object?>(PyStrings.SplitLines(Text(s), ArgumentBinder.Bind("splitlines", a, "keepends").GetBool(0, false))),
        ["startswith"] = (s, a) => Affix(s, a, "startswith"),
        ["endswith"] = (s, a) => Affix(s, a, "endswith"),
        ["replace"] = Replace,
        ["upper"] = (s, a) => NoArguments("upper", a, PyStrings.Upper(Text(s))),
        ["lower"] = (s, a) => NoArguments("lower", a, PyStrings.Lower(Text(s))),
        ["casefold"] = (s, a) => NoArguments("casefold", a, PyStrings.Lower(Text(s))),
        ["title"] = (s, a) => NoArguments("title", a, PyStrings.Title(Text(s))),
        ["capitalize"] = (s, a) => NoArguments("capitalize", a, PyStrings.Capitalize(Text(s))),
        ["swapcase"] = (s, a) => NoArguments("swapcase", a, new string([.. Text(s).Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))])),
        ["find"] = (s, a) => StringSearch.Find(Text(s), a, "find", fromRight: false, raise: false),
        ["rfind"] = (s, a) => StringSearch.Find(Text(s), a, "rfind", fromRight: true, raise: false),
        ["index"] = (s, a) => StringSearch.Find(Text(s), a, "index", fromRight: false, raise: true),
        ["rindex"] = (s, a) => StringSearch.Find(Text(s), a, "rindex", fromRight: true, raise: true),
        ["count"] = (s, a) => StringSearch.Count(Text(s), a),
        ["join"] = Join,
        ["format"] = (s, a) => StrFormatter.Format(Text(s), a),
        ["isdigit"] = (s, a) => Classify(s, a, "isdigit", c => CharUnicodeInfo.GetDigitValue(c) >= 0),
        ["isdecimal"] = (s, a) => Classify(s, a, "isdecimal", c => CharUnicodeInfo.GetDecimalDigitValue(c) >= 0),
        ["isnumeric"] = (s, a) => Classify(s, a, "isnumeric", c => CharUnicodeInfo.GetNumericValue(c) >= 0),
        ["isalpha"] = (s, a) => Classify(s, a, "isalpha", char.IsLetter),
        ["isalnum"] = (s, a) => Classify(s, a, "isalnum", c => char.IsLetter(c) || CharUnicodeInfo.GetNumericValue(c) >= 0),
        ["isspace"] = (s, a) => Classify(s, a, "isspace", PyStrings.IsWhitespace),
        ["isupper"] = (s, a) => NoArguments("isupper", a, IsCasedAs(Text(s), upper: true)),
        ["islower"] = (s, a) => NoArguments("islower", a, IsCasedAs(Text(s), upper: false)),
        ["istitle"] = (s, a) => NoArguments("istitle", a, Text(s).Any(PyStrings.IsCased) && PyStrings.Title(Text(s)) == Text(s)),
        ["removeprefix"] = (s, a) => RemoveAffix(s, a, "removeprefix"),
        ["removesuffix"] = (s, a) => RemoveAffix(s, a, "removesuffix"),
        ["zfill"] = ZeroFill,
        ["center"] = (s, a) => Pad(s, a, "center"),
        ["ljust"] = (s, a) => Pad(s, a, "ljust"),
        ["rjust"] = (s, a) => Pad(s, a, "rjust"),
        ["partition"] = (s, a) => Partition(s, a, "partition"),
        ["rpartition"] = (s, a) => Partition(s, a, "rpartition"),
    };

    private static string Text(object receiver) => (string)receiver;

    private static object NoArguments(string name, CallArguments arguments, object result)
    {
        ArgumentBinder.Bind(name, arguments);
        return result;
    }

    /// <summary>A required string argument; Python raises a TypeError for anything else.</summary>
    public static string StringArgument(object? value, string function)
    {
        if (value is string text)
            return text;
        if (value is Undefined undefined)
            throw undefined.Fail();
        throw new ChatTemplateException($"{function}() argument must be str, not {PyTypes.TypeName(value)}");
    }

    private static object Strip(object receiver, CallArguments arguments, string name, bool left, bool right)
    {
        var bound = ArgumentBinder.Bind(name, arguments, "chars");
        var chars = bound.Get(0) is { } given ? StringArgument(given, name) : null;
        return PyStrings.Strip(Text(receiver), chars, left, right);
    }

    private static object Split(object receiver, CallArguments arguments, string name)
    {
        var bound = ArgumentBinder.Bind(name, arguments, "sep", "maxsplit");
        var separator = bound.Get(0) is { } given ? StringArgument(given, name) : null;
        var limit = bound.GetInt(1, -1, "maxsplit");
        var fromRight = name == "rsplit";
        if (separator is null)
            return StringSplitter.SplitWhitespace(Text(receiver), limit, fromRight);
        if (separator.Length == 0)
            throw new ChatTemplateException("empty separator");
        return StringSplitter.SplitOn(Text(receiver), separator, limit, fromRight);
    }

    private static object Affix(object receiver, CallArguments arguments, string name)
    {
        var bound = ArgumentBinder.Bind(name, arguments, "prefix", "start", "end");
        var text = StringSearch.Window(Text(receiver), bound.Get(1), bound.Get(2));
        var candidates = bound.Required(0, "prefix") switch
        {
            object?[] tuple => tuple,
            var single => [single],
        };
        foreach (var candidate in candidates)
        {
            var affix = candidate is string s ? s : throw new ChatTemplateException($"{name} first arg must be str or a tuple of str, not {PyTypes.TypeName(candidate)}");
            if (text is not null && (name == "startswith" ? text.StartsWith(affix, StringComparison.Ordinal) : text.EndsWith(affix, StringComparison.Ordinal)))
                return true;
        }
        return false;
    }

    private static object? Replace(object receiver, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("replace", arguments, "old", "new", "count");
        var old = StringArgument(bound.Required(0, "old"), "replace");
        var replacement = StringArgument(bound.Required(1, "new"), "replace");
        return PyStrings.Replace(Text(receiver), old, replacement, bound.GetInt(2, -1, "count"));
    }

    private static object? Join(object receiver, CallArguments arguments)
    {
        var items = ArgumentBinder.Bind("join", arguments, "iterable").Required(0, "iterable");
        var parts = new List<string>();
        foreach (var item in PyIteration.Iterate(items))
        {
            if (item is not string part)
                throw new ChatTemplateException($"sequence item {parts.Count}: expected str instance, {PyTypes.TypeName(item)} found");
            parts.Add(part);
        }
        return string.Join(Text(receiver), parts);
    }

    private static object Classify(object receiver, CallArguments arguments, string name, Func<char, bool> accept)
    {
        ArgumentBinder.Bind(name, arguments);
        var text = Text(receiver);
        return text.Length > 0 && text.All(accept);
    }

    private static bool IsCasedAs(string text, bool upper)
    {
        var sawCased = false;
        foreach (var c in text)
        {
            if (upper ? char.IsLower(c) : char.IsUpper(c) || char.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter)
                return false;
            sawCased |= PyStrings.IsCased(c);
        }
        return sawCased;
    }

    private static object RemoveAffix(object receiver, CallArguments arguments, string name)
    {
        var affix = StringArgument(ArgumentBinder.Bind(name, arguments, "affix").Required(0, "affix"), name);
        var text = Text(receiver);
        if (affix.Length == 0)
            return text;
        if (name == "removeprefix")
            return text.StartsWith(affix, StringComparison.Ordinal) ? text[affix.Length..] : text;
        return text.EndsWith(affix, StringComparison.Ordinal) ? text[..^affix.Length] : text;
    }

    private static object? ZeroFill(object receiver, CallArguments arguments)
    {
        var width = ArgumentBinder.Bind("zfill", arguments, "width").GetInt(0, 0, "width");
        var text = Text(receiver);
        var fill = Math.Max(0, width - PyStrings.Length(text));
        if (fill == 0)
            return text;
        SizeLimits.EnsureGeneratedLength(width, "zfill");
        var signed = text.Length > 0 && text[0] is '+' or '-';
        return signed ? text[0] + new string('0', (int)fill) + text[1..] : new string('0', (int)fill) + text;
    }

    private static object Pad(object receiver, CallArguments arguments, string name)
    {
        var bound = ArgumentBinder.Bind(name, arguments, "width", "fillchar");
        var width = bound.GetInt(0, 0, "width");
        var fill = bound.Has(1) ? StringArgument(bound.Get(1), name) : " ";
        if (PyStrings.Length(fill) != 1)
            throw new ChatTemplateException("The fill character must be exactly one character long");
        return TextPadding.Pad(Text(receiver), width, fill, name switch { "center" => '^', "ljust" => '<', _ => '>' });
    }

    private static object Partition(object receiver, CallArguments arguments, string name)
    {
        var separator = StringArgument(ArgumentBinder.Bind(name, arguments, "sep").Required(0, "sep"), name);
        if (separator.Length == 0)
            throw new ChatTemplateException("empty separator");
        var text = Text(receiver);
        var at = name == "partition" ? text.IndexOf(separator, StringComparison.Ordinal) : text.LastIndexOf(separator, StringComparison.Ordinal);
        if (at < 0)
            return name == "partition" ? new object?[] { text, "", "" } : new object?[] { "", "", text };
        return new object?[] { text[..at], separator, text[(at + separator.Length)..] };
    }
}

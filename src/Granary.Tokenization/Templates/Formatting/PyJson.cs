using System.Globalization;
using System.Text;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Formatting;

/// <summary>
/// Python's <c>json.dumps</c>, byte for byte: <c>", "</c>/<c>": "</c> separators (<c>","</c> with an indent),
/// insertion order unless sort_keys, float repr, NaN/Infinity, <c>\uXXXX</c> in lowercase hex for control
/// characters, and non-ASCII kept unless ensure_ascii.
/// </summary>
internal sealed class PyJson
{
    private readonly string? _indent;
    private readonly string _itemSeparator;
    private readonly string _keySeparator;
    private readonly bool _sortKeys;
    private readonly bool _ensureAscii;
    private readonly StringBuilder _output = new();

    private PyJson(string? indent, string? itemSeparator, string? keySeparator, bool sortKeys, bool ensureAscii)
    {
        _indent = indent;
        _itemSeparator = itemSeparator ?? (indent is null ? ", " : ",");
        _keySeparator = keySeparator ?? ": ";
        _sortKeys = sortKeys;
        _ensureAscii = ensureAscii;
    }

    /// <param name="indent">null for one line; otherwise the text repeated per nesting level.</param>
    public static string Serialize(object? value, string? indent = null, string? itemSeparator = null, string? keySeparator = null,
        bool sortKeys = false, bool ensureAscii = false)
    {
        var writer = new PyJson(indent, itemSeparator, keySeparator, sortKeys, ensureAscii);
        writer.Write(value, 0);
        return writer._output.ToString();
    }

    private void Write(object? value, int level)
    {
        switch (value)
        {
            case null:
                _output.Append("null");
                break;
            case bool b:
                _output.Append(b ? "true" : "false");
                break;
            case long l:
                _output.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                _output.Append(FloatText(d));
                break;
            case string s:
                WriteString(s);
                break;
            case List<object?> or object?[] or GroupTuple:
                WriteArray(PyIteration.AsReadOnlyList(value is GroupTuple group ? group.Items : value), level);
                break;
            case PyDict dict:
                WriteObject(dict, level);
                break;
            default:
                throw new ChatTemplateException($"Object of type {PyTypes.TypeName(value)} is not JSON serializable");
        }
    }

    private static string FloatText(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyFloatFormatter.Repr(d);

    private void WriteArray(IReadOnlyList<object?> items, int level)
    {
        if (items.Count == 0)
        {
            _output.Append("[]");
            return;
        }
        _output.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            WriteSeparator(i == 0, level + 1);
            Write(items[i], level + 1);
        }
        WriteClosingNewline(level);
        _output.Append(']');
    }

    private void WriteObject(PyDict dict, int level)
    {
        if (dict.Count == 0)
        {
            _output.Append("{}");
            return;
        }
        IEnumerable<KeyValuePair<object?, object?>> entries = dict;
        if (_sortKeys)
            entries = PySorting.Sort(entries, entry => entry.Key);
        _output.Append('{');
        var first = true;
        foreach (var (key, item) in entries)
        {
            WriteSeparator(first, level + 1);
            first = false;
            WriteString(KeyText(key));
            _output.Append(_keySeparator);
            Write(item, level + 1);
        }
        WriteClosingNewline(level);
        _output.Append('}');
    }

    private static string KeyText(object? key) => key switch
    {
        string s => s,
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FloatText(d),
        _ => throw new ChatTemplateException($"keys must be str, int, float, bool or None, not {PyTypes.TypeName(key)}"),
    };

    private void WriteSeparator(bool first, int level)
    {
        if (!first)
            _output.Append(_itemSeparator);
        if (_indent is not null)
        {
            _output.Append('\n');
            for (var i = 0; i < level; i++)
                _output.Append(_indent);
        }
    }

    private void WriteClosingNewline(int level)
    {
        if (_indent is null)
            return;
        _output.Append('\n');
        for (var i = 0; i < level; i++)
            _output.Append(_indent);
    }

    private void WriteString(string text)
    {
        _output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': _output.Append("\\\""); break;
                case '\\': _output.Append("\\\\"); break;
                case '\n': _output.Append("\\n"); break;
                case '\r': _output.Append("\\r"); break;
                case '\t': _output.Append("\\t"); break;
                case '\b': _output.Append("\\b"); break;
                case '\f': _output.Append("\\f"); break;
                default:
                    if (c < ' ' || (_ensureAscii && c > '~'))
                        _output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        _output.Append(c);
                    break;
            }
        }
        _output.Append('"');
    }
}

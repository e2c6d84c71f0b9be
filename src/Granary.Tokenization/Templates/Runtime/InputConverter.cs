using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// Converts caller values (CLR primitives, System.Text.Json elements and nodes, dictionaries, enumerables)
/// into template values once per render, the way Python would see the same JSON: objects become ordered
/// dicts, arrays lists, JSON numbers with a fraction or exponent floats and the others ints.
/// </summary>
internal static class InputConverter
{
    private const int MaxDepth = 256;

    public static object? Convert(object? value, string variable) => Convert(value, variable, 0);

    private static object? Convert(object? value, string variable, int depth)
    {
        if (depth > MaxDepth)
            throw new ArgumentException($"chat template variable '{variable}' is nested more than {MaxDepth} levels deep");
        switch (value)
        {
            case null or string or bool or long or double:
                return value;
            case int or short or sbyte or byte or ushort or uint:
                return System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong big:
                return big <= long.MaxValue ? (long)big : (object)(double)big;
            case float single:
                return (double)single;
            case decimal exact:
                return (double)exact;
            case char character:
                return character.ToString();
            case JsonElement element:
                return ConvertElement(element, variable, depth);
            case JsonObject jsonObject:
                var fromObject = new PyDict(jsonObject.Count);
                foreach (var (key, item) in jsonObject)
                    fromObject.Set(key, Convert(item, variable, depth + 1));
                return fromObject;
            case JsonArray jsonArray:
                var fromArray = new List<object?>(jsonArray.Count);
                foreach (var item in jsonArray)
                    fromArray.Add(Convert(item, variable, depth + 1));
                return fromArray;
            case JsonValue jsonValue:
                return Convert(jsonValue.GetValue<object>(), variable, depth);
            case IDictionary<string, object?> dictionary:
                return ConvertPairs(dictionary, variable, depth);
            case IReadOnlyDictionary<string, object?> readOnlyDictionary:
                return ConvertPairs(readOnlyDictionary, variable, depth);
            case IDictionary untyped:
                var fromUntyped = new PyDict(untyped.Count);
                foreach (DictionaryEntry entry in untyped)
                    fromUntyped.Set(Convert(entry.Key, variable, depth + 1), Convert(entry.Value, variable, depth + 1));
                return fromUntyped;
            case IEnumerable sequence:
                var list = new List<object?>();
                foreach (var item in sequence)
                    list.Add(Convert(item, variable, depth + 1));
                return list;
            default:
                throw new ArgumentException($"chat template variable '{variable}' contains a value of unsupported type {value.GetType()}");
        }
    }

    private static PyDict ConvertPairs(IEnumerable<KeyValuePair<string, object?>> pairs, string variable, int depth)
    {
        var dict = new PyDict();
        foreach (var (key, item) in pairs)
            dict.Set(key, Convert(item, variable, depth + 1));
        return dict;
    }

    private static object? ConvertElement(JsonElement element, string variable, int depth)
    {
        if (depth > MaxDepth)
            throw new ArgumentException($"chat template variable '{variable}' is nested more than {MaxDepth} levels deep");
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new PyDict();
                foreach (var property in element.EnumerateObject())
                    dict.Set(property.Name, ConvertElement(property.Value, variable, depth + 1));
                return dict;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                    list.Add(ConvertElement(item, variable, depth + 1));
                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (raw.AsSpan().IndexOfAny(".eE") < 0 && element.TryGetInt64(out var integer))
                    return integer;
                return element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}

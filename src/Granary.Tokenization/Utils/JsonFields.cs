using System.Text.Json;

namespace Granary.Tokenization.Utils;

/// <summary>Small typed readers for tokenizer.json / tokenizer_config.json fields that name the field at fault.</summary>
internal static class JsonFields
{
    public static string Type(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new TokenizerException($"{where}: expected an object with a string \"type\" field.");
        }

        return type.GetString()!;
    }

    public static JsonElement? Optional(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static JsonElement Required(JsonElement element, string name, string where) =>
        Optional(element, name) ?? throw new TokenizerException($"{where}: missing required field \"{name}\".");

    public static string? String(JsonElement element, string name, string where)
    {
        var value = Optional(element, name);
        if (value is null)
        {
            return null;
        }

        return value.Value.ValueKind == JsonValueKind.String
            ? value.Value.GetString()
            : throw new TokenizerException($"{where}: field \"{name}\" must be a string.");
    }

    public static string RequiredString(JsonElement element, string name, string where) =>
        String(element, name, where) ?? throw new TokenizerException($"{where}: missing required field \"{name}\".");

    public static bool Bool(JsonElement element, string name, bool defaultValue, string where) =>
        BoolOrNull(element, name, where) ?? defaultValue;

    public static bool? BoolOrNull(JsonElement element, string name, string where)
    {
        var value = Optional(element, name);
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new TokenizerException($"{where}: field \"{name}\" must be true or false."),
        };
    }

    public static int Int(JsonElement element, string name, int defaultValue, string where)
    {
        var value = Optional(element, name);
        if (value is null)
        {
            return defaultValue;
        }

        return value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt32(out var result)
            ? result
            : throw new TokenizerException($"{where}: field \"{name}\" must be an integer.");
    }

    public static IEnumerable<JsonElement> Array(JsonElement element, string name, string where)
    {
        var value = Required(element, name, where);
        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new TokenizerException($"{where}: field \"{name}\" must be an array.");
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Granary.Engine.Configuration;

/// <summary>Typed reads of Hugging Face JSON config files, with errors that name the file and field.</summary>
internal sealed class JsonConfig
{
    private readonly JsonObject _root;

    public JsonConfig(JsonObject root, string fileName)
    {
        _root = root;
        FileName = fileName;
    }

    public string FileName { get; }

    public static JsonConfig Load(string path)
    {
        if (!File.Exists(path))
            throw new ModelLoadException($"{Path.GetFileName(path)} not found in {Path.GetDirectoryName(path)}");
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
            return new JsonConfig(node as JsonObject ?? throw new ModelLoadException($"{path} is not a JSON object"), Path.GetFileName(path));
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>True when the key is present, even with a null value.</summary>
    public bool ContainsKey(string key) => _root.ContainsKey(key);

    public JsonNode? this[string key] => _root[key];

    public int RequireInt(string key) => GetInt(key) ?? throw Missing(key);

    public int? GetInt(string key) => GetDouble(key) is { } d
        ? d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue ? (int)d : throw Invalid(key, "an integer")
        : null;

    public double? GetDouble(string key) => _root[key] switch
    {
        null => null,
        var n when n.GetValueKind() == JsonValueKind.Number => ToDouble(n),
        _ => throw Invalid(key, "a number"),
    };

    public bool? GetBool(string key) => _root[key]?.GetValueKind() switch
    {
        null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Invalid(key, "true or false"),
    };

    public string? GetString(string key) => _root[key] switch
    {
        null => null,
        var n when n.GetValueKind() == JsonValueKind.String => n.GetValue<string>(),
        _ => throw Invalid(key, "a string"),
    };

    /// <summary>An int or a list of ints (e.g. eos_token_id); empty when absent or null.</summary>
    public IReadOnlyList<int> GetIntList(string key)
    {
        var node = _root[key];
        return node switch
        {
            null => [],
            JsonArray array => array.Select(n => n is not null && n.GetValueKind() == JsonValueKind.Number ? (int)ToDouble(n) : throw Invalid(key, "a list of integers")).ToArray(),
            JsonValue value when value.GetValueKind() == JsonValueKind.Number => [(int)ToDouble(value)],
            _ => throw Invalid(key, "an integer or a list of integers"),
        };
    }

    /// <summary>A list of numbers (e.g. LongRoPE's factors); empty when absent or null.</summary>
    public IReadOnlyList<double> GetDoubleList(string key) => _root[key] switch
    {
        null => [],
        JsonArray array => array.Select(n => n is not null && n.GetValueKind() == JsonValueKind.Number ? ToDouble(n) : throw Invalid(key, "a list of numbers")).ToArray(),
        _ => throw Invalid(key, "a list of numbers"),
    };

    public JsonConfig? GetObject(string key) => _root[key] is JsonObject o ? new JsonConfig(o, $"{FileName}:{key}") : null;

    public IReadOnlyList<string> GetStringList(string key) => _root[key] switch
    {
        null => [],
        JsonArray array => array.Select(n => n is not null && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : throw Invalid(key, "a list of strings")).ToArray(),
        _ => throw Invalid(key, "a list of strings"),
    };

    private ModelLoadException Missing(string key) => new($"{FileName}: required field '{key}' is missing");

    private ModelLoadException Invalid(string key, string expected) => new($"{FileName}: field '{key}' must be {expected}");

    // Parsed numbers and numbers set from C# values read the same way through their JSON text.
    private static double ToDouble(JsonNode number) => double.Parse(number.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}

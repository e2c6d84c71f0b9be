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

    public int? GetInt(string key) => Read(key, n => n.GetValueKind() == JsonValueKind.Number ? (int?)n.GetValue<double>() : null);

    public double? GetDouble(string key) => Read(key, n => n.GetValueKind() == JsonValueKind.Number ? n.GetValue<double>() : (double?)null);

    public bool? GetBool(string key) => Read(key, n => n.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => (bool?)null,
    });

    public string? GetString(string key) => Read(key, n => n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null);

    /// <summary>An int or a list of ints (e.g. eos_token_id); empty when absent or null.</summary>
    public IReadOnlyList<int> GetIntList(string key)
    {
        var node = _root[key];
        return node switch
        {
            null => [],
            JsonArray array => array.Select(n => n is null ? throw Invalid(key, "a list of integers") : (int)n.GetValue<double>()).ToArray(),
            JsonValue value when value.GetValueKind() == JsonValueKind.Number => [(int)value.GetValue<double>()],
            _ => throw Invalid(key, "an integer or a list of integers"),
        };
    }

    public JsonConfig? GetObject(string key) => _root[key] is JsonObject o ? new JsonConfig(o, $"{FileName}:{key}") : null;

    public IReadOnlyList<string> GetStringList(string key) => _root[key] switch
    {
        null => [],
        JsonArray array => array.Select(n => n?.GetValue<string>() ?? throw Invalid(key, "a list of strings")).ToArray(),
        _ => throw Invalid(key, "a list of strings"),
    };

    private T? Read<T>(string key, Func<JsonNode, T?> read)
    {
        var node = _root[key];
        if (node is null) return default;
        try
        {
            return read(node);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw Invalid(key, typeof(T).Name);
        }
    }

    private ModelLoadException Missing(string key) => new($"{FileName}: required field '{key}' is missing");

    private ModelLoadException Invalid(string key, string expected) => new($"{FileName}: field '{key}' must be {expected}");
}

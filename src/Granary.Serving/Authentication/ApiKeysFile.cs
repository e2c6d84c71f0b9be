using System.Text.Json;

namespace Granary.Serving.Authentication;

/// <summary>
/// Reads <c>--api-keys-file</c>: <c>{"keys":[{"key":"…","models":["name",…] or "*","requests_per_minute":N,"tokens_per_minute":N}]}</c>.
/// Strict: an unknown field or a bad value stops the server at start-up rather than leaving a key
/// unlimited or unscoped by a typo.
/// </summary>
public static class ApiKeysFile
{
    private static readonly string[] KeyFields = ["key", "models", "requests_per_minute", "tokens_per_minute"];

    /// <exception cref="FormatException">The file is missing, unreadable or not in the format above.</exception>
    public static IReadOnlyList<ApiKeyDefinition> Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"--api-keys-file {path}: {ex.Message}", ex);
        }

        try
        {
            return Parse(json);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"--api-keys-file {path}: {ex.Message}", ex);
        }
    }

    /// <exception cref="FormatException">The text is not in the format above.</exception>
    public static IReadOnlyList<ApiKeyDefinition> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("expected an object with a \"keys\" array");
            }

            foreach (var field in root.EnumerateObject().Where(f => f.Name != "keys"))
            {
                throw new FormatException($"unknown field \"{field.Name}\"");
            }

            var definitions = keys.EnumerateArray().Select((entry, i) => ReadKey(entry, $"keys[{i}]")).ToArray();
            var duplicate = definitions.GroupBy(d => d.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            return duplicate is null ? definitions : throw new FormatException("the same key is listed twice");
        }
    }

    private static ApiKeyDefinition ReadKey(JsonElement entry, string at)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{at}: expected an object");
        }

        foreach (var field in entry.EnumerateObject().Where(f => !KeyFields.Contains(f.Name)))
        {
            throw new FormatException($"{at}: unknown field \"{field.Name}\" (expected {string.Join(", ", KeyFields)})");
        }

        var key = entry.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String && k.GetString()!.Trim().Length > 0
            ? k.GetString()!.Trim()
            : throw new FormatException($"{at}.key: expected a non-empty string");
        return new ApiKeyDefinition(key, ReadModels(entry, at), ReadLimit(entry, "requests_per_minute", at), ReadLimit(entry, "tokens_per_minute", at));
    }

    /// <summary>Absent, null or "*" means every model; otherwise a non-empty list of model names.</summary>
    private static string[]? ReadModels(JsonElement entry, string at)
    {
        if (!entry.TryGetProperty("models", out var models) || models.ValueKind == JsonValueKind.Null
            || (models.ValueKind == JsonValueKind.String && models.GetString() == "*"))
        {
            return null;
        }

        if (models.ValueKind != JsonValueKind.Array || models.GetArrayLength() == 0
            || models.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(m.GetString())))
        {
            throw new FormatException($"{at}.models: expected \"*\" or a non-empty array of model names");
        }

        return models.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }

    private static int? ReadLimit(JsonElement entry, string name, string at)
    {
        if (!entry.TryGetProperty(name, out var limit) || limit.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return limit.ValueKind == JsonValueKind.Number && limit.TryGetInt32(out var value) && value > 0
            ? value
            : throw new FormatException($"{at}.{name}: expected a positive integer (at most {int.MaxValue})");
    }
}

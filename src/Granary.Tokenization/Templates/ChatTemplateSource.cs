using System.Text.Json;

namespace Granary.Tokenization.Templates;

/// <summary>
/// Finds a model folder's chat template the way transformers does: <c>chat_template.jinja</c> first (plus
/// named templates in <c>additional_chat_templates/*.jinja</c>), then <c>chat_template.json</c>, then
/// <c>tokenizer_config.json</c>'s <c>chat_template</c>, which is a string or a list of <c>{name, template}</c>.
/// </summary>
public static class ChatTemplateSource
{
    private const string DefaultName = "default";

    /// <summary>
    /// Returns the template text, or null when the folder has none. With several named templates, returns
    /// <paramref name="name"/> (or "default" when null; transformers picks "tool_use" when tools are given,
    /// callers that want that pass it as the name). An unknown name throws <see cref="ArgumentException"/>
    /// listing the available names.
    /// </summary>
    public static string? Load(string modelDirectory, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(modelDirectory);
        var templates = ReadTemplates(modelDirectory);
        if (templates is null || templates.Count == 0)
            return null;
        var wanted = name ?? DefaultName;
        if (templates.TryGetValue(wanted, out var template))
            return template;
        var available = string.Join(", ", templates.Keys.Order(StringComparer.Ordinal).Select(key => $"'{key}'"));
        throw new ArgumentException(name is null
            ? $"the model in '{modelDirectory}' has several chat templates and none is named 'default'; available: {available}"
            : $"the model in '{modelDirectory}' has no chat template named '{name}'; available: {available}", nameof(name));
    }

    private static Dictionary<string, string>? ReadTemplates(string directory)
    {
        var jinjaPath = Path.Combine(directory, "chat_template.jinja");
        if (File.Exists(jinjaPath))
        {
            var templates = new Dictionary<string, string>(StringComparer.Ordinal) { [DefaultName] = File.ReadAllText(jinjaPath) };
            var additional = Path.Combine(directory, "additional_chat_templates");
            if (Directory.Exists(additional))
            {
                foreach (var file in Directory.EnumerateFiles(additional, "*.jinja"))
                    templates[Path.GetFileNameWithoutExtension(file)] = File.ReadAllText(file);
            }
            return templates;
        }
        return ReadFromJson(Path.Combine(directory, "chat_template.json"))
            ?? ReadFromJson(Path.Combine(directory, "tokenizer_config.json"));
    }

    private static Dictionary<string, string>? ReadFromJson(string path)
    {
        if (!File.Exists(path))
            return null;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("chat_template", out var template))
            return null;
        switch (template.ValueKind)
        {
            case JsonValueKind.String:
                return new Dictionary<string, string>(StringComparer.Ordinal) { [DefaultName] = template.GetString()! };
            case JsonValueKind.Array:
                var named = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var entry in template.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object
                        && entry.TryGetProperty("name", out var entryName) && entryName.ValueKind == JsonValueKind.String
                        && entry.TryGetProperty("template", out var text) && text.ValueKind == JsonValueKind.String)
                        named[entryName.GetString()!] = text.GetString()!;
                    else
                        throw new InvalidDataException($"'{path}': each chat_template entry needs a string \"name\" and \"template\"");
                }
                return named;
            default:
                return null;
        }
    }
}

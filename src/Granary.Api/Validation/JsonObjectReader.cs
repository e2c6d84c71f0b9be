using System.Text.Json;
using Granary.Api.Errors;

namespace Granary.Api.Validation;

/// <summary>
/// Reads one JSON object field by field with strict types, naming the offending parameter by its full
/// path (<c>messages[2].role</c>) in every error. JSON null counts as absent, as OpenAI treats it.
/// It remembers which fields were read so that the rest can be reported as unrecognised.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public JsonObjectReader(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw RequestErrors.InvalidType(path, "an object", JsonKinds.Describe(element));
        }

        _element = element;
        Path = path;
    }

    /// <summary>Where this object sits in the request; empty for the body itself.</summary>
    public string Path { get; }

    public string ParamOf(string field) => Path.Length == 0 ? field : $"{Path}.{field}";

    /// <summary>The field's value, or null when it is absent or JSON null.</summary>
    public JsonElement? Value(string field)
    {
        _read.Add(field);
        return _element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public bool IsPresent(string field) => Value(field) is not null;

    public string? String(string field)
    {
        var value = Value(field);
        return value is null ? null : JsonValues.String(value.Value, ParamOf(field));
    }

    public string RequiredString(string field) => String(field) ?? throw RequestErrors.Missing(ParamOf(field));

    public bool? Boolean(string field)
    {
        var value = Value(field);
        return value is null ? null : JsonValues.Boolean(value.Value, ParamOf(field));
    }

    public double? Number(string field)
    {
        var value = Value(field);
        return value is null ? null : JsonValues.Number(value.Value, ParamOf(field));
    }

    public int? Integer(string field)
    {
        var value = Value(field);
        return value is null ? null : JsonValues.Integer(value.Value, ParamOf(field));
    }

    public long? Long(string field)
    {
        var value = Value(field);
        return value is null ? null : JsonValues.Long(value.Value, ParamOf(field));
    }

    public JsonObjectReader? Object(string field)
    {
        var value = Value(field);
        return value is null ? null : new JsonObjectReader(value.Value, ParamOf(field));
    }

    public JsonElement? Array(string field)
    {
        var value = Value(field);
        if (value is { ValueKind: not JsonValueKind.Array })
        {
            throw RequestErrors.InvalidType(ParamOf(field), "an array", JsonKinds.Describe(value.Value));
        }

        return value;
    }

    /// <summary>Fields present in the object that no reader asked for.</summary>
    public IEnumerable<string> Unread() =>
        _element.EnumerateObject().Select(p => p.Name).Where(name => !_read.Contains(name));

    /// <summary>Rejects the first field nobody read, as OpenAI rejects unrecognised arguments (named by its full path).</summary>
    public void RejectUnread()
    {
        var unknown = Unread().FirstOrDefault();
        if (unknown is not null)
        {
            throw RequestErrors.Unrecognized(ParamOf(unknown));
        }
    }
}

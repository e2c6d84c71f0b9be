using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using Granary.Api.Errors;

namespace Granary.Api.Validation;

/// <summary>
/// Checks every key and string of a parsed body once, up front: System.Text.Json parses invalid UTF-8 and
/// lone surrogate escapes (<c>"\uDC00"</c>) and only throws when a reader later asks for the string, which
/// surfaced as a 500. Here they are a 400 naming the field. Strings without escapes are checked on their raw
/// bytes, without decoding them.
/// </summary>
internal static class JsonTextCheck
{
    public static void Validate(JsonElement root) => Visit(root, "");

    private static void Visit(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsValid(JsonMarshal.GetRawUtf8PropertyName(property), () => _ = property.Name))
                    {
                        throw Invalid(path.Length == 0 ? null : path, path.Length == 0 ? "a key of the request body" : $"a key of '{path}'");
                    }

                    Visit(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String when !IsValid(JsonMarshal.GetRawUtf8Value(element), () => _ = element.GetString()):
                throw Invalid(path, $"'{path}'");
        }
    }

    private static bool IsValid(ReadOnlySpan<byte> raw, Action decode)
    {
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return Utf8.IsValid(raw);
        }

        try
        {
            decode();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ApiException Invalid(string? param, string what) => ApiException.BadRequest(
        $"Invalid text in {what}: it is not valid UTF-8, or it escapes a lone surrogate (such as \\uDC00). Send text as well-formed UTF-8.",
        param, "invalid_encoding");
}

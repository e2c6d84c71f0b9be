using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Granary.Api.Protocol;

/// <summary>
/// The serializer options every response goes through: snake_case, UTF-8 text left readable, and the
/// rule that a stream chunk writes <c>usage</c> only when the client asked for usage.
/// </summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ApiJsonContext.Default.WithAddedModifier(WriteUsageOnlyWhenAsked),
    };

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Info<T>());

    private static void WriteUsageOnlyWhenAsked(JsonTypeInfo info)
    {
        if (!typeof(IStreamChunk).IsAssignableFrom(info.Type))
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => p.Name == "usage"))
        {
            property.ShouldSerialize = (chunk, usage) => usage is not null || ((IStreamChunk)chunk).IncludeUsage;
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Granary.Api.Protocol;

/// <summary>Writes a stop reason as a string or an integer; the API never reads one.</summary>
internal sealed class StopReasonValueConverter : JsonConverter<StopReasonValue>
{
    public override StopReasonValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? new StopReasonValue(null, reader.GetInt32()) : new StopReasonValue(reader.GetString(), null);

    public override void Write(Utf8JsonWriter writer, StopReasonValue value, JsonSerializerOptions options)
    {
        if (value.TokenId is { } id)
        {
            writer.WriteNumberValue(id);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}

using System.Buffers;
using System.Text.Json;
using Granary.Bench.Workload;

namespace Granary.Bench.Clients;

/// <summary>
/// The JSON bodies serve mode posts: greedy (temperature 0), exactly the requested output length
/// (max_tokens with ignore_eos), streamed with a final usage chunk.
/// </summary>
internal static class RequestBodies
{
    public static byte[] Build(BenchRequest request, string model, BenchEndpoint endpoint)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + request.PromptTokenIds.Length * 7);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            if (endpoint == BenchEndpoint.Chat)
            {
                var text = request.PromptText ?? throw new InvalidOperationException("A chat request needs its prompt as text.");
                json.WriteStartArray("messages");
                json.WriteStartObject();
                json.WriteString("role", "user");
                json.WriteString("content", text);
                json.WriteEndObject();
                json.WriteEndArray();
            }
            else
            {
                json.WriteStartArray("prompt");
                foreach (var id in request.PromptTokenIds) json.WriteNumberValue(id);
                json.WriteEndArray();
            }
            json.WriteNumber("max_tokens", request.OutputTokens);
            json.WriteBoolean("ignore_eos", true);
            json.WriteNumber("temperature", 0);
            json.WriteBoolean("stream", true);
            json.WriteStartObject("stream_options");
            json.WriteBoolean("include_usage", true);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}

using System.Net;
using System.Text;

namespace Granary.EndToEnd.Tests.Support;

/// <summary>
/// An OTLP/HTTP (protobuf) collector on a loopback port: keeps the spans of every
/// ExportTraceServiceRequest posted to /v1/traces and accepts (ignores) other signals.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<OtlpSpan> _spans = [];
    private readonly Task _serving;

    public OtlpReceiver()
    {
        var port = FreePorts.Next();
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public IReadOnlyList<OtlpSpan> Spans
    {
        get
        {
            lock (_spans) return _spans.ToArray();
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url!.AbsolutePath == "/v1/traces")
            {
                var spans = ReadTraces(body.ToArray()).ToArray();
                lock (_spans) _spans.AddRange(spans);
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close(); // an empty Export*ServiceResponse
        }
    }

    // ExportTraceServiceRequest: 1 resource_spans { 1 resource { 1 attributes }, 2 scope_spans { 2 spans } }.
    private static IEnumerable<OtlpSpan> ReadTraces(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            var service = Fields(resourceSpans, 1).SelectMany(resource => Attributes(resource, 1)).FirstOrDefault(a => a.Key == "service.name").Value ?? "";
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            foreach (var span in Fields(scopeSpans, 2))
                yield return ReadSpan(service, span);
        }
    }

    // Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 9 attributes.
    private static OtlpSpan ReadSpan(string service, ReadOnlyMemory<byte> span)
    {
        string Hex(int number) => Fields(span, number).Select(f => Convert.ToHexStringLower(f.Span)).FirstOrDefault() ?? "";
        var name = Fields(span, 5).Select(f => Encoding.UTF8.GetString(f.Span)).FirstOrDefault() ?? "";
        return new OtlpSpan(service, Hex(1), Hex(2), Hex(4), name, Attributes(span, 9).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.First().Value));
    }

    // KeyValue: 1 key, 2 value (AnyValue: 1 string, 2 bool, 3 int, 4 double).
    private static IEnumerable<KeyValuePair<string, string>> Attributes(ReadOnlyMemory<byte> message, int number)
    {
        foreach (var pair in Fields(message, number))
        {
            var key = Fields(pair, 1).Select(f => Encoding.UTF8.GetString(f.Span)).FirstOrDefault() ?? "";
            var value = Fields(pair, 2).SelectMany(ProtobufReader.Read).Select(f => f.Number switch
            {
                1 => Encoding.UTF8.GetString(f.Bytes.Span),
                2 => (f.Varint != 0).ToString(),
                3 => ((long)f.Varint).ToString(System.Globalization.CultureInfo.InvariantCulture),
                4 => BitConverter.Int64BitsToDouble((long)f.Varint).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "",
            }).FirstOrDefault() ?? "";
            yield return new(key, value);
        }
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number) =>
        ProtobufReader.Read(message).Where(f => f.Number == number && f.WireType == 2).Select(f => f.Bytes);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}

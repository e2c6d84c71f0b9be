using System.Net;
using System.Text;

namespace Granary.Bench.Tests.Support;

/// <summary>An HTTP handler that records the request body and answers with a canned (optionally paced) SSE stream.</summary>
internal sealed class StubHandler(HttpStatusCode status, IReadOnlyList<string> chunks, IReadOnlyList<TimeSpan> waits) : HttpMessageHandler
{
    /// <summary>Each chunk after the same wait.</summary>
    public StubHandler(HttpStatusCode status, IReadOnlyList<string> chunks, TimeSpan pace)
        : this(status, chunks, chunks.Select(_ => pace).ToArray())
    {
    }

    public string? RequestBody { get; private set; }

    public Uri? RequestUri { get; private set; }

    public static StubHandler Sse(params string[] events) => new(HttpStatusCode.OK, events.Select(e => $"data: {e}\n\n").ToArray(), TimeSpan.Zero);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestUri = request.RequestUri;
        RequestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        return new HttpResponseMessage(status) { Content = new StreamContent(new PacedStream(chunks, waits)) };
    }

    /// <summary>Hands out one chunk per read, waiting before each as told, like a server flushing tokens.</summary>
    private sealed class PacedStream(IReadOnlyList<string> chunks, IReadOnlyList<TimeSpan> waits) : Stream
    {
        private int _next;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_next >= chunks.Count) return 0;
            if (waits[_next] > TimeSpan.Zero) await Task.Delay(waits[_next], cancellationToken);
            var bytes = Encoding.UTF8.GetBytes(chunks[_next++]);
            if (bytes.Length > buffer.Length) throw new InvalidOperationException("chunk larger than the read buffer");
            bytes.CopyTo(buffer);
            return bytes.Length;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

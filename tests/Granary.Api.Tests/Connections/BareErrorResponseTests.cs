using System.Buffers;
using System.Text;
using Granary.Api.Connections;

namespace Granary.Api.Tests.Connections;

public sealed class BareErrorResponseTests
{
    private const string KestrelBadRequest =
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\nDate: Sun, 06 Dec 2026 12:10:09 GMT\r\nServer: Kestrel\r\n\r\n";

    [Fact]
    public void Kestrels_bodiless_400_gets_a_json_body_of_the_length_it_declares()
    {
        var rewritten = Encoding.ASCII.GetString(BareErrorResponse.TryRewrite(Bytes(KestrelBadRequest))!);

        var end = rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var body = rewritten[(end + 4)..];
        Assert.Contains($"\r\nContent-Length: {body.Length}\r\n", rewritten[..end]);
        Assert.Contains("\r\nContent-Type: application/json; charset=utf-8\r\n", rewritten[..end]);
        Assert.StartsWith("{\"error\":{", body);
    }

    [Fact]
    public void Bytes_before_the_bare_error_are_kept()
    {
        const string earlier = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        var rewritten = Encoding.ASCII.GetString(BareErrorResponse.TryRewrite(Bytes(earlier + KestrelBadRequest))!);

        Assert.StartsWith(earlier + "HTTP/1.1 400 Bad Request\r\n", rewritten);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")] // not an error
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")] // kept alive: may be a HEAD answer
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 12\r\nConnection: close\r\n\r\n")] // has a body of its own
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("data: {\"text\":\"HTTP/1.1 400 Bad\"}\n\n")] // a stream's text
    [InlineData("1a\r\ndata: HTTP/1.1 400 Bad Request\r\n0\r\n\r\n")] // chunked framing, not a header block
    public void Anything_else_passes_untouched(string flushed) => Assert.Null(BareErrorResponse.TryRewrite(Bytes(flushed)));

    [Fact]
    public void A_head_split_across_segments_is_still_found()
    {
        var first = new Segment(Encoding.ASCII.GetBytes(KestrelBadRequest[..20]));
        var last = first.Append(Encoding.ASCII.GetBytes(KestrelBadRequest[20..]));

        Assert.NotNull(BareErrorResponse.TryRewrite(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length)));
    }

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.ASCII.GetBytes(text));

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}

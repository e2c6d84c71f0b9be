using System.Buffers;
using System.Globalization;
using System.Text;
using Granary.Api.Errors;
using Granary.Api.Protocol;

namespace Granary.Api.Connections;

/// <summary>
/// Recognises the bodiless error Kestrel answers by itself, before any middleware runs (a request line,
/// URL or header it cannot parse, such as <c>GET /v1/models/%00</c>), and gives it the OpenAI envelope.
/// </summary>
/// <remarks>
/// Only a response that ends the flushed bytes, is 4xx/5xx, says <c>Content-Length: 0</c> and
/// <c>Connection: close</c> matches: our own responses always carry a body, and the JSON and SSE we
/// write never contain a raw CR LF, so a body cannot be mistaken for such a header block.
/// </remarks>
internal static class BareErrorResponse
{
    private const int MaxHeadLength = 1024;
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLengthZero = "\r\nContent-Length: 0\r\n"u8.ToArray();

    /// <summary>The bytes with the last response's empty error body replaced by the envelope, or null when there is none.</summary>
    public static byte[]? TryRewrite(ReadOnlySequence<byte> flushed)
    {
        if (flushed.Length < EndOfHead.Length || !EndsWith(flushed, EndOfHead)) return null;

        var tailLength = Math.Min(flushed.Length, MaxHeadLength);
        var tail = flushed.Slice(flushed.Length - tailLength).ToArray();
        var start = LastIndexOf(tail, "HTTP/1."u8);
        if (start < 0) return null;

        var head = Encoding.ASCII.GetString(tail, start, tail.Length - start);
        if (!TryParseHead(head, out var status, out var reason)) return null;

        var body = ApiJson.Serialize(new ErrorEnvelope(Describe(status, reason)));
        var rewritten = head.Replace(
            "\r\nContent-Length: 0\r\n",
            $"\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n",
            StringComparison.Ordinal);

        var prefix = flushed.Slice(0, flushed.Length - tailLength + start).ToArray();
        return [.. prefix, .. Encoding.ASCII.GetBytes(rewritten), .. body];
    }

    private static bool TryParseHead(string head, out int status, out string reason)
    {
        status = 0;
        reason = "";
        var lines = head[..^4].Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || statusLine[1].Length != 3 || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out status)) return false;
        if (status < 400) return false;
        reason = statusLine.Length == 3 ? statusLine[2] : "";

        var closes = false;
        var emptyBody = false;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) return false; // not a header block: something else ends these bytes
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase)) closes = value.Equals("close", StringComparison.OrdinalIgnoreCase);
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) emptyBody = value == "0";
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) return false;
        }

        return closes && emptyBody && head.Contains(Encoding.ASCII.GetString(ContentLengthZero), StringComparison.Ordinal);
    }

    private static ErrorBody Describe(int status, string reason) => status switch
    {
        400 => new ErrorBody(
            "Bad Request: the request line, URL or headers could not be parsed (for example a malformed request line, a control character such as an encoded NUL in the path, or an invalid header).",
            ErrorTypes.InvalidRequest, null, "malformed_request"),
        >= 500 => new ErrorBody($"{status} {reason}".TrimEnd(), ErrorTypes.InternalServer, null, null),
        _ => new ErrorBody($"{status} {reason}: the HTTP request was refused before it reached the API.".Replace("  ", " ", StringComparison.Ordinal),
            ErrorTypes.InvalidRequest, null, null),
    };

    private static bool EndsWith(ReadOnlySequence<byte> bytes, ReadOnlySpan<byte> suffix)
    {
        Span<byte> last = stackalloc byte[suffix.Length];
        bytes.Slice(bytes.Length - suffix.Length).CopyTo(last);
        return last.SequenceEqual(suffix);
    }

    private static int LastIndexOf(byte[] bytes, ReadOnlySpan<byte> value) => bytes.AsSpan().LastIndexOf(value);
}

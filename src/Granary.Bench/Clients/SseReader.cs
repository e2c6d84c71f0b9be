using System.Text;

namespace Granary.Bench.Clients;

/// <summary>
/// Reads server-sent events from a response stream as they arrive: the data of each event
/// (multi-line data joined by newlines); comments and other fields are skipped.
/// </summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024);
    private readonly StringBuilder _data = new();
    private bool _hasData;

    /// <summary>The next event's data, or null at the end of the stream.</summary>
    public async Task<string?> ReadEventAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null) return _hasData ? Take() : null;
            if (line.Length == 0)
            {
                if (_hasData) return Take();
                continue;
            }
            if (line[0] == ':' || !line.StartsWith("data:", StringComparison.Ordinal)) continue;
            var value = line.AsSpan(5);
            if (value.Length > 0 && value[0] == ' ') value = value[1..];
            if (_hasData) _data.Append('\n');
            _data.Append(value);
            _hasData = true;
        }
    }

    public void Dispose() => _reader.Dispose();

    private string Take()
    {
        var data = _data.ToString();
        _data.Clear();
        _hasData = false;
        return data;
    }
}

using Granary.Bench.Metrics;

namespace Granary.Bench.Clients;

/// <summary>
/// Records one request's stream as it arrives (monotonic seconds) and turns it into an outcome:
/// the first token-carrying chunk gives TTFT, each later one an inter-token gap, and the last chunk
/// of the choice (usually its finish chunk) the end-to-end latency.
/// </summary>
internal sealed class RequestTimeline(double runStart, double sentAt)
{
    private readonly List<double> _gaps = [];
    private double? _firstToken;
    private double? _lastToken;
    private double? _end;

    /// <summary>A chunk that carried generated tokens (text on the wire, token ids in the engine).</summary>
    public void Token(double at)
    {
        if (_lastToken is { } previous) _gaps.Add(at - previous);
        else _firstToken = at;
        _lastToken = at;
        _end = at;
    }

    /// <summary>A chunk of the choice without tokens, such as its finish chunk: it moves the end, not the token times.</summary>
    public void Other(double at) => _end = at;

    public RequestOutcome Failed(string error, int promptTokens = 0) => RequestOutcome.Failed(sentAt - runStart, error, promptTokens);

    /// <summary>
    /// The outcome of a finished request. A stream whose only chunk without text was its finish chunk
    /// (every token held back or empty) takes that chunk as its first token.
    /// </summary>
    public RequestOutcome Succeeded(int promptTokens, int outputTokens, int cachedPromptTokens = 0)
    {
        if (_end is not { } end) return Failed("the stream carried no chunk of the choice", promptTokens);
        var first = _firstToken ?? end;
        return new RequestOutcome
        {
            Success = true,
            PromptTokens = promptTokens,
            OutputTokens = outputTokens,
            CachedPromptTokens = cachedPromptTokens,
            StartTime = sentAt - runStart,
            Ttft = first - sentAt,
            Latency = end - sentAt,
            InterTokenLatencies = _gaps.ToArray(),
        };
    }
}

using System.Text;
using Granary.Engine.Abstractions;
using Granary.Engine.Tools;
using Granary.Tokenization;

namespace Granary.Engine.Output;

/// <summary>
/// Turns one sequence's sampled tokens into client text: incremental, UTF-8 safe detokenization,
/// stop strings matched across token boundaries and never leaked, and hold-back of a tail that
/// could still become a stop string. With a tool call parser, the text is split into content and
/// tool calls first, and stop strings apply to the content.
/// </summary>
internal sealed class SequenceOutput(IncrementalDetokenizer detokenizer, SamplingParams sampling, ToolCallStreamParser? toolCalls = null)
{
    private readonly StopStrings _stops = new(sampling.Stop);
    private readonly StringBuilder _text = new();
    private readonly List<ToolCallDelta> _calls = [];
    private int _emitted;

    /// <summary>Set once a stop string matched; the text has been cut there.</summary>
    public string? MatchedStop { get; private set; }

    /// <summary>The content so far (tool call text excluded).</summary>
    public string Text => _text.ToString();

    /// <summary>The content's length so far, held-back text included.</summary>
    public int ContentLength => _text.Length;

    public bool MadeToolCalls => toolCalls?.CallCount > 0;

    /// <summary>Tool calls opened so far (begun ones included, when they stream eagerly).</summary>
    public int ToolCallCount => toolCalls?.CallCount ?? 0;

    /// <summary>Adds a token's text; returns true if a stop string now ends the output.</summary>
    public bool Add(int tokenId)
    {
        var piece = detokenizer.Add(tokenId);
        return piece.Length > 0 && (toolCalls is null ? AddContent(piece) : AddParsed(toolCalls.Feed(piece)));
    }

    /// <summary>Text not yet sent that can be sent now; everything left when <paramref name="finishing"/>.</summary>
    public string TakeDelta(bool finishing)
    {
        if (finishing && MatchedStop is null)
        {
            var rest = detokenizer.Flush();
            if (toolCalls is null) _text.Append(rest);
            else if (!AddParsed(toolCalls.Feed(rest))) AddParsed(toolCalls.Finish());
        }
        var end = finishing || !_stops.Any ? _text.Length : _text.Length - _stops.HoldBack(Tail(_text.Length - _stops.Longest + 1));
        if (end <= _emitted) return "";
        var delta = _text.ToString(_emitted, end - _emitted);
        _emitted = end;
        return delta;
    }

    /// <summary>
    /// After a silent replay of tokens another replica streamed: its client already has the first
    /// <paramref name="length"/> characters of the content, so the next delta starts there. False
    /// (and no change) when the content so far is shorter: those tokens cannot have made that text.
    /// </summary>
    public bool SkipDelivered(int length)
    {
        if (length < 0 || length > _text.Length) return false;
        _emitted = length;
        return true;
    }

    /// <summary>Tool call pieces parsed since the last call; null when none.</summary>
    public ToolCallDelta[]? TakeToolCalls()
    {
        if (_calls.Count == 0) return null;
        var calls = _calls.ToArray();
        _calls.Clear();
        return calls;
    }

    private bool AddParsed(IReadOnlyList<ToolStreamItem> items)
    {
        foreach (var item in items)
        {
            if (item.Call is { } call) _calls.Add(call);
            // Whatever follows a stop string is cut, tool calls included.
            else if (AddContent(item.Content!)) return true;
        }
        return false;
    }

    /// <summary>The text from <paramref name="from"/> (clamped to 0) on, copied without the rest.</summary>
    private string Tail(int from)
    {
        from = Math.Max(0, from);
        return _text.ToString(from, _text.Length - from);
    }

    private bool AddContent(string piece)
    {
        var start = _text.Length;
        _text.Append(piece);
        if (!_stops.Any) return false;

        // Only the new text and the stop-length tail before it can hold a new match.
        var from = Math.Max(0, start - _stops.Longest + 1);
        if (_stops.Find(Tail(from), start - from) is not { } match) return false;
        var end = from + (sampling.IncludeStopStringInOutput ? match.Index + match.Stop.Length : match.Index);
        _text.Length = Math.Max(end, _emitted);
        MatchedStop = match.Stop;
        return true;
    }
}

using System.Text;
using Granary.Engine.Abstractions;
using Granary.Tokenization;

namespace Granary.Engine.Output;

/// <summary>
/// Turns one sequence's sampled tokens into client text: incremental, UTF-8 safe detokenization,
/// stop strings matched across token boundaries and never leaked, and hold-back of a tail that
/// could still become a stop string.
/// </summary>
internal sealed class SequenceOutput(IncrementalDetokenizer detokenizer, SamplingParams sampling)
{
    private readonly StopStrings _stops = new(sampling.Stop);
    private readonly StringBuilder _text = new();
    private int _emitted;

    /// <summary>Set once a stop string matched; the text has been cut there.</summary>
    public string? MatchedStop { get; private set; }

    public string Text => _text.ToString();

    /// <summary>Adds a token's text; returns true if a stop string now ends the output.</summary>
    public bool Add(int tokenId)
    {
        var piece = detokenizer.Add(tokenId);
        if (piece.Length == 0) return false;
        var start = _text.Length;
        _text.Append(piece);
        if (!_stops.Any) return false;

        var text = _text.ToString();
        if (_stops.Find(text, start) is not { } match) return false;
        var end = sampling.IncludeStopStringInOutput ? match.Index + match.Stop.Length : match.Index;
        _text.Length = Math.Max(end, _emitted);
        MatchedStop = match.Stop;
        return true;
    }

    /// <summary>Text not yet sent that can be sent now; everything left when <paramref name="finishing"/>.</summary>
    public string TakeDelta(bool finishing)
    {
        if (finishing && MatchedStop is null)
            _text.Append(detokenizer.Flush());
        var end = finishing || !_stops.Any ? _text.Length : _text.Length - _stops.HoldBack(_text.ToString());
        if (end <= _emitted) return "";
        var delta = _text.ToString(_emitted, end - _emitted);
        _emitted = end;
        return delta;
    }
}

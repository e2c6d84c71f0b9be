using System.Text;
using Granary.Engine.Abstractions;

namespace Granary.Engine.Tools;

/// <summary>
/// Splits one choice's streamed text into content and tool calls, in OpenAI's delta shape: a call's
/// first piece has its index, id and name; later pieces carry argument text whose concatenation is the
/// call's arguments exactly as the model wrote them. Text that may still become call syntax is held
/// back (like a stop string's prefix); whitespace around calls is syntax and is dropped; text that turns
/// out not to be a call goes back to content unchanged, so nothing is ever lost.
/// </summary>
/// <remarks>
/// When <c>streamEagerly</c> is false (auto tool choice: the model writes freely) a call is sent only
/// once complete: a malformed call is returned as content, an unfinished one at the end of the output
/// is dropped (its markup never reaches content, streamed or not). When true (the call text is
/// grammar-constrained, and budget steering completes it whenever the request's budget allows) a call
/// is sent as soon as its name is known and its arguments as they come.
/// </remarks>
internal sealed class ToolCallStreamParser
{
    private readonly ToolCallSyntax _syntax;
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly string _separator;
    private readonly int _maxCalls;
    private readonly bool _eager;
    private readonly Func<string> _newId;
    private readonly ToolStreamItems _items = new();
    private readonly StringBuilder _pending = new(); // text not yet known to be content or call syntax
    private State _state;
    private int _matched; // characters matched of the marker being read
    private bool _afterCall; // the pending text follows a call: if nothing else comes, it was only separator syntax
    private bool _openerSeen;
    private ToolCallInProgress? _call;

    /// <param name="maxCalls">1 when parallel tool calls are off: later text is content.</param>
    /// <param name="newId">Makes call ids; <see cref="ToolCallIds.New"/> by default.</param>
    public ToolCallStreamParser(ToolCallSyntax syntax, int maxCalls = int.MaxValue, bool streamEagerly = false, Func<string>? newId = null)
    {
        _syntax = syntax;
        _prefix = syntax.CallPrefix.Trim();
        _suffix = syntax.CallSuffix.Trim();
        _separator = syntax.Separator.Trim();
        if (_prefix.Length == 0 && !syntax.CallsOnlyAtStart)
            throw new ArgumentException("A syntax whose calls may follow text needs a call prefix to find them by.", nameof(syntax));
        _maxCalls = maxCalls;
        _eager = streamEagerly;
        _newId = newId ?? ToolCallIds.New;
        _state = syntax.CallsOnlyAtStart ? State.CallStart : State.Text;
    }

    private enum State { Text, CallStart, Plain, Opener, Prefix, BeforeObject, Object, Suffix, AfterCall, Separator }

    /// <summary>Calls made so far (begun ones included, when streaming eagerly).</summary>
    public int CallCount { get; private set; }

    private bool MoreCallsAllowed => CallCount < _maxCalls;

    /// <summary>Where text goes when a call attempt fails: on to look for the next call, or plain content for good.</summary>
    private State Fallback => _syntax.CallsOnlyAtStart ? State.Plain : State.Text;

    public IReadOnlyList<ToolStreamItem> Feed(string text)
    {
        foreach (var c in text) Step(c);
        FlushArguments();
        return _items.Take();
    }

    /// <summary>
    /// The end of the text: held text is resolved, a call missing only its closing marker is accepted,
    /// and the text of a call not yet sent (its markup begun, its object unfinished) is dropped.
    /// </summary>
    public IReadOnlyList<ToolStreamItem> Finish()
    {
        switch (_state)
        {
            case State.Suffix:
                CompleteCall();
                break;
            case State.Object when _call?.Committed == true:
                FlushArguments();
                break;
            case State.Opener or State.Prefix or State.BeforeObject or State.Object or State.Separator:
                // An unfinished call (cut by max_tokens, or EOS mid-markup) is neither content nor a call.
                break;
            case State.Text or State.CallStart or State.AfterCall or State.Separator when _afterCall && IsBlankOrSyntax():
                break;
            default:
                EmitContent(_pending.ToString());
                break;
        }
        _pending.Clear();
        _call = null;
        _state = State.Plain;
        return _items.Take();
    }

    private void Step(char c)
    {
        switch (_state)
        {
            case State.Plain:
                EmitContent(c.ToString());
                break;
            case State.Text:
                InText(c);
                break;
            case State.CallStart:
                AtCallStart(c);
                break;
            case State.Opener or State.Prefix:
                InMarker(c, _state == State.Opener ? _syntax.Opener! : _prefix);
                break;
            case State.BeforeObject:
                BeforeObject(c);
                break;
            case State.Object:
                InObject(c);
                break;
            case State.Suffix:
                InSuffix(c);
                break;
            case State.AfterCall:
                AfterCall(c);
                break;
            case State.Separator:
                InSeparator(c);
                break;
        }
    }

    private void InText(char c)
    {
        if (IsBlank(c))
            _pending.Append(c); // trailing whitespace waits: before a call it is dropped
        else if (MoreCallsAllowed && c == _prefix[0])
            BeginMarker(State.Prefix, c, _prefix);
        else
            EmitPendingAnd(c);
    }

    private void AtCallStart(char c)
    {
        if (IsBlank(c))
            _pending.Append(c);
        else if (_syntax.Opener is { } opener && !_openerSeen && CallCount == 0 && c == opener[0])
            BeginMarker(State.Opener, c, opener);
        else if (MoreCallsAllowed && _prefix.Length > 0 && c == _prefix[0])
            BeginMarker(State.Prefix, c, _prefix);
        else if (MoreCallsAllowed && _prefix.Length == 0 && c == '{')
            StartObject(c);
        else
            Fail(c.ToString());
    }

    private void BeginMarker(State state, char c, string marker)
    {
        _state = state;
        _matched = 0;
        InMarker(c, marker);
    }

    private void InMarker(char c, string marker)
    {
        if (c != marker[_matched])
        {
            // Not the marker: its first character is text; the rest may still start a marker.
            var rest = _pending.ToString(_pending.Length - (_matched - 1), _matched - 1);
            _pending.Length -= _matched - 1;
            Fail(rest + c);
            return;
        }
        _pending.Append(c);
        if (++_matched < marker.Length) return;
        if (_state == State.Opener)
        {
            _openerSeen = true;
            _state = State.CallStart;
        }
        else
        {
            _state = State.BeforeObject;
        }
    }

    private void BeforeObject(char c)
    {
        if (IsBlank(c))
            _pending.Append(c);
        else if (c == '{')
            StartObject(c);
        else
            Fail(c.ToString());
    }

    private void StartObject(char c)
    {
        _call = new ToolCallInProgress(_syntax);
        _call.Feed(c);
        _pending.Append(c);
        _state = State.Object;
    }

    private void InObject(char c)
    {
        var scan = _call!.Feed(c);
        if (scan == JsonScan.Invalid)
        {
            Fail(c.ToString());
            return;
        }
        _pending.Append(c);
        if (_eager && !_call.Committed && _call.NameKnown) Commit();
        if (scan != JsonScan.Complete) return;
        _matched = 0;
        if (_suffix.Length == 0) CompleteCall();
        else _state = State.Suffix;
    }

    private void InSuffix(char c)
    {
        if (_matched == 0 && IsBlank(c))
        {
            _pending.Append(c);
            return;
        }
        if (c != _suffix[_matched])
        {
            // The object is whole: take the call without its closing marker, and read on from here.
            var rest = _suffix[.._matched] + c;
            CompleteCall();
            foreach (var r in rest) Step(r);
            return;
        }
        _pending.Append(c);
        if (++_matched == _suffix.Length) CompleteCall();
    }

    private void AfterCall(char c)
    {
        if (IsBlank(c))
        {
            _pending.Append(c);
        }
        else if (MoreCallsAllowed && _separator.Length > 0 && c == _separator[0])
        {
            _state = State.Separator;
            _matched = 0;
            InSeparator(c);
        }
        else
        {
            EmitPendingAnd(c);
            _state = State.Plain;
        }
    }

    private void InSeparator(char c)
    {
        if (c != _separator[_matched])
        {
            Fail(c.ToString());
            return;
        }
        _pending.Append(c);
        if (++_matched == _separator.Length) _state = State.CallStart;
    }

    private void Commit()
    {
        _items.AddCall(_call!.Commit(CallCount++, _newId()));
        _pending.Clear(); // the call owns the text read so far
    }

    private void CompleteCall()
    {
        if (!_call!.Committed) Commit();
        FlushArguments();
        _call = null;
        _pending.Clear();
        _afterCall = true;
        _state = _syntax.CallsOnlyAtStart || !MoreCallsAllowed ? State.AfterCall : State.Text;
    }

    /// <summary>What was read is not (or no longer) a call: uncommitted text goes back to content; <paramref name="replay"/> is read again.</summary>
    private void Fail(string replay)
    {
        FlushArguments();
        if (_call?.Committed != true) EmitContent(_pending.ToString());
        _pending.Clear();
        _call = null;
        _afterCall = false;
        _state = Fallback;
        foreach (var c in replay) Step(c);
    }

    private void FlushArguments()
    {
        if (_call?.TakeArguments() is { } arguments) _items.AddCall(arguments);
    }

    private void EmitPendingAnd(char c)
    {
        _pending.Append(c);
        EmitContent(_pending.ToString());
        _pending.Clear();
    }

    private void EmitContent(string text)
    {
        if (text.Length == 0) return;
        _afterCall = false;
        _items.AddContent(text);
    }

    /// <summary>Pending text after a call that is only whitespace and separator marks.</summary>
    private bool IsBlankOrSyntax()
    {
        for (var i = 0; i < _pending.Length; i++)
            if (!IsBlank(_pending[i]) && _separator.IndexOf(_pending[i], StringComparison.Ordinal) < 0)
                return false;
        return true;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';
}

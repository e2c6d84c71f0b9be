using System.Globalization;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// The <c>loop</c> variable of a for loop. Like Jinja's, it iterates lazily and only looks ahead when the
/// template asks for <c>last</c>, <c>nextitem</c>, <c>length</c> or <c>revindex</c>, so a loop filter
/// (<c>for x in xs if cond</c>) is evaluated at the same moments as in Jinja.
/// </summary>
internal sealed class LoopContext
{
    private static readonly object NoItem = new();
    private IEnumerator<object?> _iterator;
    private object? _after = NoItem;
    private object? _before = NoItem;
    private object? _current = NoItem;
    private int? _length;
    private object?[]? _lastChangedValues;

    public LoopContext(IEnumerable<object?> items, int? knownLength)
    {
        _iterator = items.GetEnumerator();
        _length = knownLength;
    }

    public int Index0 { get; private set; } = -1;

    public bool MoveNext(out object? item)
    {
        if (!ReferenceEquals(_after, NoItem))
        {
            item = _after;
            _after = NoItem;
        }
        else if (_iterator.MoveNext())
        {
            item = _iterator.Current;
        }
        else
        {
            item = null;
            return false;
        }
        Index0++;
        _before = _current;
        _current = item;
        return true;
    }

    public int Length
    {
        get
        {
            if (_length is null)
            {
                var rest = new List<object?>();
                while (_iterator.MoveNext())
                    rest.Add(_iterator.Current);
                _iterator = rest.GetEnumerator();
                _length = rest.Count + Index0 + 1 + (ReferenceEquals(_after, NoItem) ? 0 : 1);
            }
            return _length.Value;
        }
    }

    public bool IsLast => ReferenceEquals(PeekNext(), NoItem);

    public object? GetAttribute(string name) => name switch
    {
        "index0" => (long)Index0,
        "index" => (long)(Index0 + 1),
        "revindex" => (long)(Length - Index0),
        "revindex0" => (long)(Length - Index0 - 1),
        "first" => Index0 == 0,
        "last" => IsLast,
        "length" => (long)Length,
        "depth" => 1L,
        "depth0" => 0L,
        "previtem" => Index0 == 0 ? Undefined.WithHint("there is no previous item") : _before,
        "nextitem" => PeekNext() is var next && ReferenceEquals(next, NoItem) ? Undefined.WithHint("there is no next item") : next,
        "cycle" => new BuiltinFunction("cycle", (arguments, _) => Cycle(arguments)),
        "changed" => new BuiltinFunction("changed", (arguments, _) => Changed(arguments)),
        _ => Undefined.Attribute(this, name),
    };

    private object? PeekNext()
    {
        if (ReferenceEquals(_after, NoItem))
            _after = _iterator.MoveNext() ? _iterator.Current : NoItem;
        return _after;
    }

    private object? Cycle(CallArguments arguments)
    {
        if (arguments.Positional.Length == 0)
            throw new ChatTemplateException("no items for cycling given");
        return arguments.Positional[Index0 % arguments.Positional.Length];
    }

    private object? Changed(CallArguments arguments)
    {
        var values = arguments.Positional;
        if (_lastChangedValues is not null && PyEquality.AreEqual(_lastChangedValues, values))
            return false;
        _lastChangedValues = values;
        return true;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"<LoopContext {Index0 + 1}/{(_length is null ? "?" : _length.Value.ToString(CultureInfo.InvariantCulture))}>");
}

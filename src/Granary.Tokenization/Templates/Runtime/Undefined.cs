namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// Jinja2's default <c>Undefined</c>: prints as nothing, is falsy, iterates as empty and has length 0,
/// but fails (with a message saying what was missing) on attribute access, item access, calls and arithmetic.
/// </summary>
internal sealed class Undefined
{
    private readonly string? _name;
    private readonly string? _ownerDescription;
    private readonly string? _hint;
    private readonly bool _isElement;

    private Undefined(string? name, string? ownerDescription, string? hint, bool isElement)
    {
        _name = name;
        _ownerDescription = ownerDescription;
        _hint = hint;
        _isElement = isElement;
    }

    /// <summary>A variable that no scope defines: <c>'name' is undefined</c>.</summary>
    public static Undefined Variable(string name) => new(name, null, null, false);

    /// <summary>A missing attribute or string key of an object: <c>'dict object' has no attribute 'x'</c>.</summary>
    public static Undefined Attribute(object? owner, string name) => new(name, PyTypes.ObjectDescription(owner), null, false);

    /// <summary>A missing non-string element, e.g. an index out of range: <c>list object has no element 5</c>.</summary>
    public static Undefined Element(object? owner, object? key) =>
        new(PyRepr.Repr(key), PyTypes.ObjectDescription(owner), null, true);

    /// <summary>An undefined value with an explicit explanation.</summary>
    public static Undefined WithHint(string hint) => new(null, null, hint, false);

    public string Message
    {
        get
        {
            if (_hint is not null)
                return _hint;
            if (_ownerDescription is null)
                return $"{PyRepr.Repr(_name)} is undefined";
            if (_isElement)
                return $"{_ownerDescription} has no element {_name}";
            return $"{PyRepr.Repr(_ownerDescription)} has no attribute {PyRepr.Repr(_name)}";
        }
    }

    /// <summary>The error Jinja raises when an undefined value is used in a way that needs a value.</summary>
    public ChatTemplateException Fail() => new(Message);
}

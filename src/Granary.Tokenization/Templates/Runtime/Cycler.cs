namespace Granary.Tokenization.Templates.Runtime;

/// <summary>The <c>cycler(...)</c> global: <c>next()</c> returns the items in turn, <c>current</c> peeks.</summary>
internal sealed class Cycler(object?[] items)
{
    private int _position;

    public object? Current => items.Length == 0 ? Undefined.WithHint("cycler has no items") : items[_position];

    public object? Next()
    {
        var current = Current;
        if (items.Length > 0)
            _position = (_position + 1) % items.Length;
        return current;
    }

    public void Reset() => _position = 0;

    public object? GetAttribute(string name) => name switch
    {
        "current" => Current,
        "next" => new BuiltinFunction("next", (_, _) => Next()),
        "reset" => new BuiltinFunction("reset", (_, _) =>
        {
            Reset();
            return null;
        }),
        "items" => items.ToList(),
        _ => Undefined.Attribute(this, name),
    };
}

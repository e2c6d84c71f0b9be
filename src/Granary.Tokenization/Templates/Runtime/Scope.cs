namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// One level of variables. The root holds the render variables and top-level <c>set</c>s; each for-loop
/// iteration, macro call and scoped block gets a child, which is how Jinja keeps assignments made inside
/// a loop from leaking out of it (and why templates use <c>namespace()</c>).
/// </summary>
internal sealed class Scope
{
    private Dictionary<string, object?>? _variables;

    public Scope(Scope? parent) => Parent = parent;

    public Scope(Dictionary<string, object?> variables)
    {
        _variables = variables;
    }

    public Scope? Parent { get; }

    public bool TryLookup(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables is not null && scope._variables.TryGetValue(name, out value))
                return true;
        }
        value = null;
        return false;
    }

    public void Set(string name, object? value)
    {
        _variables ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        _variables[name] = value;
    }
}

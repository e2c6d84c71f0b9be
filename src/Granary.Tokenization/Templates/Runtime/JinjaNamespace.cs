using System.Text;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// <c>namespace(...)</c>: the one mutable object in the sandbox, so a value set inside a loop survives it
/// (<c>{% set ns.found = true %}</c>).
/// </summary>
internal sealed class JinjaNamespace
{
    private readonly PyDict _attributes = new();

    public void Set(string name, object? value) => _attributes.Set(name, value);

    public bool TryGet(string name, out object? value) => _attributes.TryGetValue(name, out value);

    public override string ToString() => new StringBuilder("<Namespace ").Append(PyRepr.Repr(_attributes)).Append('>').ToString();
}

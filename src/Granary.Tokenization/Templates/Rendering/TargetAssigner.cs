using Granary.Tokenization.Templates.Runtime;
using Granary.Tokenization.Templates.Syntax.Targets;

namespace Granary.Tokenization.Templates.Rendering;

/// <summary>Binds a value to an assignment target: a name, a tuple to unpack, or a namespace attribute.</summary>
internal static class TargetAssigner
{
    public static void Assign(AssignTarget target, object? value, Scope scope)
    {
        switch (target)
        {
            case NameTarget name:
                scope.Set(name.Name, value);
                break;
            case TupleTarget tuple:
                var items = PyIteration.AsReadOnlyList(value);
                if (items.Count < tuple.Items.Length)
                    throw new ChatTemplateException($"not enough values to unpack (expected {tuple.Items.Length}, got {items.Count})");
                if (items.Count > tuple.Items.Length)
                    throw new ChatTemplateException($"too many values to unpack (expected {tuple.Items.Length})");
                for (var i = 0; i < items.Count; i++)
                    Assign(tuple.Items[i], items[i], scope);
                break;
            case NamespaceAttributeTarget attribute:
                if (!scope.TryLookup(attribute.NamespaceName, out var holder) || holder is not JinjaNamespace ns)
                    throw new ChatTemplateException("cannot assign attribute on non-namespace object");
                ns.Set(attribute.Attribute, value);
                break;
        }
    }
}

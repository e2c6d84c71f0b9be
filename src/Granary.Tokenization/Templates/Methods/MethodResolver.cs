using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Methods;

/// <summary>
/// Finds the Python methods of str, dict, list and tuple. Methods that would mutate (<c>list.append</c>,
/// <c>dict.update</c>...) resolve to an Undefined that raises the sandbox's security error when called,
/// which is what HF's <c>ImmutableSandboxedEnvironment</c> does.
/// </summary>
internal static class MethodResolver
{
    private static readonly HashSet<string> UnsafeListMethods = ["append", "clear", "extend", "insert", "pop", "remove", "reverse", "sort"];
    private static readonly HashSet<string> UnsafeDictMethods = ["clear", "pop", "popitem", "setdefault", "update"];

    public static bool TryGetMethod(object receiver, string name, out object? method)
    {
        var (table, unsafeNames) = receiver switch
        {
            string => (StringMethods.Table, null),
            PyDict => (DictMethods.Table, UnsafeDictMethods),
            List<object?> => (ListMethods.ListTable, UnsafeListMethods),
            object?[] or GroupTuple => (ListMethods.TupleTable, null),
            _ => ((IReadOnlyDictionary<string, MethodFunction>?)null, (HashSet<string>?)null),
        };
        if (table is not null && table.TryGetValue(name, out var function))
        {
            method = new BoundMethod(receiver, name, function);
            return true;
        }
        if (unsafeNames is not null && unsafeNames.Contains(name))
        {
            method = Undefined.WithHint($"access to attribute '{name}' of '{PyTypes.TypeName(receiver)}' object is unsafe.");
            return true;
        }
        method = null;
        return false;
    }
}

using System.Runtime.ExceptionServices;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// Python's <c>sorted()</c>: stable (also when reversed) and ordered by Python comparison, so mixed types
/// fail with Python's TypeError. .NET's sort wraps a comparer's exception; this unwraps it again.
/// </summary>
internal static class PySorting
{
    private static readonly Comparer<object?> PythonOrder = Comparer<object?>.Create(PyOrdering.Compare);

    public static List<T> Sort<T>(IEnumerable<T> items, Func<T, object?> key, bool descending = false)
    {
        try
        {
            return (descending ? items.OrderByDescending(key, PythonOrder) : items.OrderBy(key, PythonOrder)).ToList();
        }
        catch (InvalidOperationException error) when (error.InnerException is ChatTemplateException templateError)
        {
            ExceptionDispatchInfo.Throw(templateError);
            throw;
        }
    }
}

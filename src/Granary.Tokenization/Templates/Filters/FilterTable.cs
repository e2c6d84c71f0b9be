using System.Collections.Frozen;

namespace Granary.Tokenization.Templates.Filters;

/// <summary>All filters by name: Jinja's built-ins that chat templates use, plus HF's <c>tojson</c>.</summary>
internal static class FilterTable
{
    private static readonly FrozenDictionary<string, FilterFunction> Filters = Build();

    public static bool TryGet(string name, out FilterFunction function) => Filters.TryGetValue(name, out function!);

    private static FrozenDictionary<string, FilterFunction> Build()
    {
        var filters = new Dictionary<string, FilterFunction>(StringComparer.Ordinal);
        StringFilters.Register(filters);
        TextLayoutFilters.Register(filters);
        SequenceFilters.Register(filters);
        SortingFilters.Register(filters);
        SelectionFilters.Register(filters);
        ValueFilters.Register(filters);
        return filters.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

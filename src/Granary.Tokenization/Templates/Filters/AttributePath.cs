using System.Globalization;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Filters;

/// <summary>
/// Jinja's <c>make_attrgetter</c>: the <c>attribute=</c> argument of map, sort, join, selectattr...
/// A dotted path (<c>"function.name"</c>, digits meaning an index) looked up item-first on each item.
/// </summary>
internal sealed class AttributePath
{
    private readonly object?[] _parts;
    private readonly object? _default;
    private readonly bool _ignoreCase;

    public AttributePath(object? attribute, object? fallback = null, bool ignoreCase = false)
    {
        _parts = attribute switch
        {
            null => [],
            string path => [.. path.Split('.').Select(ToPart)],
            _ => [attribute],
        };
        _default = fallback;
        _ignoreCase = ignoreCase;
    }

    public object? Get(object? item)
    {
        foreach (var part in _parts)
        {
            item = ObjectAccess.GetItem(item, part);
            if (_default is not null && item is Undefined)
                item = _default;
        }
        return _ignoreCase ? IgnoreCase(item) : item;
    }

    /// <summary>Jinja's <c>ignore_case</c>: lowercases strings for case-insensitive sorting and grouping.</summary>
    public static object? IgnoreCase(object? value) => value is string text ? PyStrings.Lower(text) : value;

    private static object? ToPart(string part) =>
        part.Length > 0 && part.All(char.IsAsciiDigit) ? long.Parse(part, CultureInfo.InvariantCulture) : part;
}

using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Filters;

/// <summary>
/// Jinja's ordering filters: sort, unique, min, max, dictsort, groupby. All are case-insensitive for strings
/// unless <c>case_sensitive=true</c>, and sorting is stable like Python's.
/// </summary>
internal static class SortingFilters
{
    public static void Register(Dictionary<string, FilterFunction> filters)
    {
        filters["sort"] = Sort;
        filters["unique"] = (c, v, a) => PyIterator.Generator("sync_do_unique", Unique(v, a));
        filters["min"] = (c, v, a) => MinOrMax(v, a, "min", pickLarger: false);
        filters["max"] = (c, v, a) => MinOrMax(v, a, "max", pickLarger: true);
        filters["dictsort"] = DictSort;
        filters["groupby"] = GroupBy;
    }

    private static object? Sort(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("sort", arguments, "reverse", "case_sensitive", "attribute");
        var reverse = bound.GetBool(0, false);
        var ignoreCase = !bound.GetBool(1, false);
        var paths = bound.Get(2) is string attributes
            ? attributes.Split(',').Select(part => new AttributePath(part, ignoreCase: ignoreCase)).ToArray()
            : [new AttributePath(bound.Get(2), ignoreCase: ignoreCase)];
        var keyed = PyIteration.Iterate(value).Select(item => (Item: item, Key: (object?)paths.Select(p => p.Get(item)).ToList())).ToList();
        return PySorting.Sort(keyed, pair => pair.Key, descending: reverse).Select(pair => pair.Item).ToList();
    }

    private static IEnumerable<object?> Unique(object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("unique", arguments, "case_sensitive", "attribute");
        var path = new AttributePath(bound.Get(1), ignoreCase: !bound.GetBool(0, false));
        var seen = new PyDict();
        foreach (var item in PyIteration.Iterate(value))
        {
            var key = path.Get(item);
            if (seen.ContainsKey(key))
                continue;
            seen.Set(key, null);
            yield return item;
        }
    }

    private static object? MinOrMax(object? value, CallArguments arguments, string name, bool pickLarger)
    {
        var bound = ArgumentBinder.Bind(name, arguments, "case_sensitive", "attribute");
        var path = new AttributePath(bound.Get(1), ignoreCase: !bound.GetBool(0, false));
        var found = false;
        object? best = null;
        object? bestKey = null;
        foreach (var item in PyIteration.Iterate(value))
        {
            var key = path.Get(item);
            if (!found || (pickLarger ? PyOrdering.GreaterThan(key, bestKey) : PyOrdering.LessThan(key, bestKey)))
            {
                best = item;
                bestKey = key;
                found = true;
            }
        }
        return found ? best : Undefined.WithHint("No aggregated item, sequence was empty.");
    }

    private static object? DictSort(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("dictsort", arguments, "case_sensitive", "by", "reverse");
        var ignoreCase = !bound.GetBool(0, false);
        var position = bound.GetString(1, "key") switch
        {
            "key" => 0,
            "value" => 1,
            _ => throw new ChatTemplateException("You can only sort by either \"key\" or \"value\""),
        };
        if (value is not PyDict dict)
            throw new ChatTemplateException($"'{PyTypes.TypeName(value)}' object has no attribute 'items'");
        var entries = Methods.DictMethods.Items(dict);
        Func<object?, object?> key = entry =>
        {
            var part = ((object?[])entry!)[position];
            return ignoreCase ? AttributePath.IgnoreCase(part) : part;
        };
        return PySorting.Sort(entries, key, descending: bound.GetBool(2, false));
    }

    private static object? GroupBy(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("groupby", arguments, "attribute", "default", "case_sensitive");
        var attribute = bound.Required(0, "attribute");
        var caseSensitive = bound.GetBool(2, false);
        var keyPath = new AttributePath(attribute, bound.Get(1), ignoreCase: !caseSensitive);
        var displayPath = new AttributePath(attribute, bound.Get(1));
        var sorted = PySorting.Sort(PyIteration.Iterate(value), keyPath.Get);
        var groups = new List<object?>();
        var index = 0;
        while (index < sorted.Count)
        {
            var key = keyPath.Get(sorted[index]);
            var members = new List<object?>();
            while (index < sorted.Count && PyEquality.AreEqual(keyPath.Get(sorted[index]), key))
                members.Add(sorted[index++]);
            groups.Add(new GroupTuple(caseSensitive ? key : displayPath.Get(members[0]), members));
        }
        return groups;
    }
}

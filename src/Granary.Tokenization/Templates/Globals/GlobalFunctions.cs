using System.Collections.Frozen;
using Granary.Tokenization.Templates.Formatting;
using Granary.Tokenization.Templates.Rendering;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Globals;

/// <summary>
/// The globals a chat template sees when no variable shadows them: Jinja's <c>range</c>, <c>dict</c>,
/// <c>namespace</c>, <c>cycler</c>, <c>joiner</c>, and HF's <c>raise_exception</c> and <c>strftime_now</c>.
/// </summary>
internal static class GlobalFunctions
{
    // The sandbox refuses larger ranges (jinja2.sandbox.MAX_RANGE).
    private const long MaxRange = 100_000;

    private static readonly FrozenDictionary<string, object> Globals = new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["range"] = new BuiltinFunction("range", (a, _) => Range(a)),
        ["dict"] = new BuiltinFunction("dict", (a, _) => MakeDict(a)),
        ["namespace"] = new BuiltinFunction("namespace", (a, _) => MakeNamespace(a)),
        ["cycler"] = new BuiltinFunction("cycler", (a, _) => MakeCycler(a)),
        ["joiner"] = new BuiltinFunction("joiner", (a, _) => new Joiner(ArgumentBinder.Bind("joiner", a, "sep").GetString(0, ", ")!)),
        ["raise_exception"] = new BuiltinFunction("raise_exception", (a, _) => RaiseException(a)),
        ["strftime_now"] = new BuiltinFunction("strftime_now", StrftimeNow),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryGet(string name, out object? value)
    {
        var found = Globals.TryGetValue(name, out var global);
        value = global;
        return found;
    }

    private static object? Range(CallArguments arguments)
    {
        if (arguments.Named.Length > 0)
            throw new ChatTemplateException("range() takes no keyword arguments");
        var numbers = arguments.Positional.Select(value => PyTypes.ToInteger(value, "range() argument")).ToArray();
        var (start, stop, step) = numbers.Length switch
        {
            1 => (0L, numbers[0], 1L),
            2 => (numbers[0], numbers[1], 1L),
            3 => (numbers[0], numbers[1], numbers[2]),
            _ => throw new ChatTemplateException($"range expected at most 3 arguments, got {numbers.Length}"),
        };
        if (step == 0)
            throw new ChatTemplateException("range() arg 3 must not be zero");
        var count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        if (count > MaxRange)
            throw new ChatTemplateException($"Range too big. The sandbox blocks ranges larger than MAX_RANGE ({MaxRange}).");
        var items = new List<object?>((int)Math.Max(0, count));
        for (var i = 0L; i < count; i++)
            items.Add(start + (i * step));
        return items;
    }

    private static PyDict MakeDict(CallArguments arguments)
    {
        var dict = new PyDict();
        if (arguments.Positional.Length > 1)
            throw new ChatTemplateException($"dict expected at most 1 argument, got {arguments.Positional.Length}");
        if (arguments.Positional.Length == 1)
            CopyInto(dict, arguments.Positional[0]);
        foreach (var (name, value) in arguments.Named)
            dict.Set(name, value);
        return dict;
    }

    private static void CopyInto(PyDict target, object? source)
    {
        if (source is PyDict dict)
        {
            foreach (var (key, value) in dict)
                target.Set(key, value);
            return;
        }
        foreach (var pair in PyIteration.Iterate(source))
        {
            var items = PyIteration.AsReadOnlyList(pair);
            if (items.Count != 2)
                throw new ChatTemplateException("dictionary update sequence element has the wrong length; 2 is required");
            target.Set(items[0], items[1]);
        }
    }

    private static JinjaNamespace MakeNamespace(CallArguments arguments)
    {
        var ns = new JinjaNamespace();
        var initial = MakeDict(arguments);
        foreach (var (key, value) in initial)
        {
            if (key is not string name)
                throw new ChatTemplateException("namespace() keywords must be strings");
            ns.Set(name, value);
        }
        return ns;
    }

    private static Cycler MakeCycler(CallArguments arguments)
    {
        if (arguments.Positional.Length == 0)
            throw new ChatTemplateException("at least one item has to be provided");
        return new Cycler(arguments.Positional);
    }

    /// <summary>HF's <c>raise_exception(message)</c>: the template rejects its input (e.g. roles out of order).</summary>
    private static object? RaiseException(CallArguments arguments)
    {
        var message = ArgumentBinder.Bind("raise_exception", arguments, "message").Required(0, "message");
        throw new ChatTemplateException(PyRepr.Str(message));
    }

    /// <summary>HF's <c>strftime_now(format)</c>: <c>datetime.now().strftime(format)</c>.</summary>
    private static object? StrftimeNow(CallArguments arguments, RenderContext context)
    {
        var format = ArgumentBinder.Bind("strftime_now", arguments, "format").Required(0, "format");
        return StrftimeFormatter.Format(context.Clock(), PyRepr.Str(format));
    }
}

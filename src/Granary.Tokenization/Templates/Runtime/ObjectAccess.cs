using Granary.Tokenization.Templates.Methods;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// Jinja's sandboxed <c>getattr</c> (<c>x.name</c>: Python attribute first, then the item of that name) and
/// <c>getitem</c> (<c>x[key]</c>: item first, then for string keys the attribute). Whatever is missing gives
/// <see cref="Undefined"/>; only an Undefined receiver is an error.
/// </summary>
internal static class ObjectAccess
{
    public static object? GetAttribute(object? target, string name)
    {
        switch (target)
        {
            case Undefined undefined:
                throw undefined.Fail();
            case PyDict dict:
                if (MethodResolver.TryGetMethod(dict, name, out var dictMethod))
                    return dictMethod;
                return dict.TryGetValue(name, out var value) ? value : Undefined.Attribute(target, name);
            case JinjaNamespace ns:
                return ns.TryGet(name, out var attribute) ? attribute : Undefined.Attribute(target, name);
            case LoopContext loop:
                return loop.GetAttribute(name);
            case Cycler cycler:
                return cycler.GetAttribute(name);
            case GroupTuple group when name is "grouper" or "list":
                return name == "grouper" ? group.Grouper : group.List;
            case Macro macro when name == "name":
                return macro.Definition.Name;
            case long or bool or double when name is "real" or "imag":
                // Python numbers expose their real and imaginary parts; a bool's are ints.
                var isReal = name == "real";
                return target is double d ? (isReal ? d : 0.0) : (object)(isReal ? PyTypes.ToInteger(target, "number") : 0L);
        }
        if (target is not null && MethodResolver.TryGetMethod(target, name, out var method))
            return method;
        return Undefined.Attribute(target, name);
    }

    public static object? GetItem(object? target, object? key)
    {
        switch (target)
        {
            case Undefined undefined:
                throw undefined.Fail();
            case PyDict dict:
                if (key is List<object?> or PyDict)
                    return Undefined.Element(target, key);
                if (dict.TryGetValue(key, out var value))
                    return value;
                break;
            case List<object?> or object?[] or string or GroupTuple when key is long or bool:
                var index = PyTypes.ToInteger(key, "index");
                return PySlicing.TryIndex(target, index, out var item) ? item : Undefined.Element(target, key);
            case List<object?> or object?[] or string when key is PySlice slice:
                return PySlicing.Slice(target, slice.Start, slice.Stop, slice.Step);
        }
        if (key is string name)
            return GetAttribute(target, name);
        return Undefined.Element(target, key);
    }
}

using System.Globalization;
using Granary.Tokenization.Templates.Formatting;
using Granary.Tokenization.Templates.Methods;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Filters;

/// <summary>Jinja's value filters: default/d, int, float, abs, round, attr, and HF's tojson.</summary>
internal static class ValueFilters
{
    public static void Register(Dictionary<string, FilterFunction> filters)
    {
        filters["default"] = Default;
        filters["d"] = Default;
        filters["int"] = ToInt;
        filters["float"] = ToFloat;
        filters["abs"] = (_, v, a) =>
        {
            ArgumentBinder.Bind("abs", a);
            return v switch
            {
                long l => (object)checked(Math.Abs(l)),
                bool b => b ? 1L : 0L,
                double d => Math.Abs(d),
                _ => throw new ChatTemplateException($"bad operand type for abs(): '{PyTypes.TypeName(v)}'"),
            };
        };
        filters["round"] = Round;
        filters["attr"] = Attr;
        filters["tojson"] = ToJson;
    }

    private static object? Default(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("default", arguments, "default_value", "boolean");
        var useFallback = value is Undefined || (bound.GetBool(1, false) && !PyTypes.IsTruthy(value));
        return useFallback ? bound.Get(0, "") : value;
    }

    /// <summary>Jinja's int filter: Python int(), falling back to int(float(x)) so "42.23" gives 42, else the default.</summary>
    private static object? ToInt(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("int", arguments, "default", "base");
        var fallback = bound.Get(0, 0L);
        var radix = (int)bound.GetInt(1, 10, "base");
        switch (value)
        {
            case Undefined undefined:
                // Undefined's __int__ raises its undefined error, which int() does not swallow.
                throw undefined.Fail();
            case long or bool:
                return PyTypes.ToInteger(value, "value");
            case double d:
                return double.IsFinite(d) ? (long)Math.Truncate(d) : fallback;
            case string text:
                if (PyNumberParser.TryParseInt(text, radix, out var parsed))
                    return parsed;
                return PyNumberParser.TryParseFloat(text, out var real) && double.IsFinite(real) ? (long)Math.Truncate(real) : fallback;
            default:
                return fallback;
        }
    }

    private static object? ToFloat(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var fallback = ArgumentBinder.Bind("float", arguments, "default").Get(0, 0.0);
        return value switch
        {
            Undefined undefined => throw undefined.Fail(),
            long or bool or double => PyTypes.ToDouble(value),
            string text when PyNumberParser.TryParseFloat(text, out var parsed) => parsed,
            _ => fallback,
        };
    }

    /// <summary>Jinja's round: Python's round() (half to even) for 'common', else floor/ceil; ints stay ints.</summary>
    private static object? Round(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("round", arguments, "precision", "method");
        var precision = (int)bound.GetInt(0, 0, "precision");
        var method = bound.GetString(1, "common");
        if (method is not ("common" or "ceil" or "floor"))
            throw new ChatTemplateException("method must be common, ceil or floor");
        if (!PyTypes.IsNumber(value))
            throw new ChatTemplateException($"type {PyTypes.TypeName(value)} doesn't define __round__ method");
        var number = PyTypes.ToDouble(value);
        if (method == "common")
        {
            if (value is not double)
                return precision >= 0 ? PyTypes.ToInteger(value, "value") : (object)(long)RoundHalfEven(number, precision);
            return RoundHalfEven(number, precision);
        }
        var scale = Math.Pow(10, precision);
        return (method == "ceil" ? Math.Ceiling(number * scale) : Math.Floor(number * scale)) / scale;
    }

    /// <summary>Python's round(x, n): rounds the exact binary value half-to-even via its correctly rounded decimal text.</summary>
    private static double RoundHalfEven(double number, int precision)
    {
        if (!double.IsFinite(number) || precision > 300)
            return number;
        if (precision >= 0)
        {
            var text = number.ToString("F" + (precision + 25).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            // Python keeps the sign of a value that rounds to zero: round(-0.4) is -0.0.
            return Math.CopySign(double.Parse(RoundDecimalText(text, precision), CultureInfo.InvariantCulture), number);
        }
        var scale = Math.Pow(10, -precision);
        return Math.Round(number / scale, MidpointRounding.ToEven) * scale;
    }

    private static string RoundDecimalText(string text, int precision)
    {
        var value = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? exact : (decimal?)null;
        if (value is { } d && precision <= 28)
            return Math.Round(d, precision, MidpointRounding.ToEven).ToString(CultureInfo.InvariantCulture);
        return double.Parse(text, CultureInfo.InvariantCulture).ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static object? Attr(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var name = PyRepr.Str(ArgumentBinder.Bind("attr", arguments, "name").Required(0, "name"));
        if (value is PyDict dict)
            return MethodResolver.TryGetMethod(dict, name, out var method) ? method : Undefined.Attribute(value, name);
        return ObjectAccess.GetAttribute(value, name);
    }

    private static string Spaces(long count)
    {
        SizeLimits.EnsureGeneratedLength(count, "tojson indent");
        return new string(' ', (int)Math.Max(0, count));
    }

    /// <summary>HF's tojson: <c>json.dumps(x, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)</c>.</summary>
    private static object? ToJson(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("tojson", arguments, "ensure_ascii", "indent", "separators", "sort_keys");
        var indent = bound.Get(1) switch
        {
            null => null,
            string text => text,
            var count => Spaces(PyTypes.ToInteger(count, "indent")),
        };
        string? itemSeparator = null;
        string? keySeparator = null;
        if (bound.Get(2) is { } separators)
        {
            var pair = PyIteration.AsReadOnlyList(separators);
            if (pair.Count != 2 || pair[0] is not string item || pair[1] is not string key)
                throw new ChatTemplateException("separators must be a pair of strings");
            (itemSeparator, keySeparator) = (item, key);
        }
        return PyJson.Serialize(value, indent, itemSeparator, keySeparator, bound.GetBool(3, false), bound.GetBool(0, false));
    }
}

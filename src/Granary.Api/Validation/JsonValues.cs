using System.Text.Json;
using Granary.Api.Errors;
using Granary.Serving.Requests;

namespace Granary.Api.Validation;

/// <summary>Strictly typed reads of single JSON values; integers may be written as whole decimals (5.0).</summary>
internal static class JsonValues
{
    public static string String(JsonElement value, string param) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw RequestErrors.InvalidType(param, "a string", JsonKinds.Describe(value));

    public static bool Boolean(JsonElement value, string param) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw RequestErrors.InvalidType(param, "a boolean", JsonKinds.Describe(value)),
    };

    public static double Number(JsonElement value, string param) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw RequestErrors.InvalidType(param, "a decimal", JsonKinds.Describe(value));

    public static long Long(JsonElement value, string param)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out var whole))
            {
                return whole;
            }

            if (value.TryGetDouble(out var number) && number == Math.Floor(number) && Math.Abs(number) < 9.2e18)
            {
                return (long)number;
            }
        }

        throw RequestErrors.InvalidType(param, "an integer", JsonKinds.Describe(value));
    }

    public static int Integer(JsonElement value, string param)
    {
        var whole = Long(value, param);
        Ranges.Check(whole, param, int.MinValue, int.MaxValue);
        return (int)whole;
    }

    public static int[] IntegerArray(JsonElement value, string param)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw RequestErrors.InvalidType(param, "an array of integers", JsonKinds.Describe(value));
        }

        var result = new int[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[i] = Integer(item, $"{param}[{i}]");
            i++;
        }

        return result;
    }

    /// <summary>An array of token ids: integers, none negative (the vocabulary bound is the engine's to check).</summary>
    public static int[] TokenIds(JsonElement value, string param)
    {
        var ids = IntegerArray(value, param);
        Ranges.CheckTokenIds(ids, param);

        return ids;
    }

    /// <summary>A string or an array of strings (OpenAI's <c>stop</c>).</summary>
    public static string[] StringOrStrings(JsonElement value, string param)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw RequestErrors.InvalidType(param, "a string or an array of strings", JsonKinds.Describe(value));
        }

        return value.EnumerateArray().Select((item, i) => String(item, $"{param}[{i}]")).ToArray();
    }
}

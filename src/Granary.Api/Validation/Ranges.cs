using Granary.Api.Errors;

namespace Granary.Api.Validation;

/// <summary>Range checks on optional values; absent values always pass.</summary>
internal static class Ranges
{
    public static void Check(double? value, string param, double min, double max)
    {
        if (value < min)
        {
            throw RequestErrors.BelowMin(param, min, value.Value, integer: false);
        }

        if (value > max)
        {
            throw RequestErrors.AboveMax(param, max, value.Value, integer: false);
        }
    }

    public static void Check(long? value, string param, long min, long max = long.MaxValue)
    {
        if (value < min)
        {
            throw RequestErrors.BelowMin(param, min, value.Value, integer: true);
        }

        if (value > max)
        {
            throw RequestErrors.AboveMax(param, max, value.Value, integer: true);
        }
    }
}

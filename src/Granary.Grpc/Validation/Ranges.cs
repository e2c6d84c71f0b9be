using Granary.Grpc.Errors;

namespace Granary.Grpc.Validation;

/// <summary>Range checks on optional values; absent values always pass.</summary>
internal static class Ranges
{
    /// <summary>Also refuses NaN and infinities, which protobuf can carry and JSON cannot.</summary>
    public static void Check(double? value, string field, double min = double.MinValue, double max = double.MaxValue)
    {
        if (value is not { } number)
        {
            return;
        }

        if (!double.IsFinite(number))
        {
            throw InvalidArgument.NotANumber(field, number);
        }

        if (number < min)
        {
            throw InvalidArgument.BelowMin(field, min, number, integer: false);
        }

        if (number > max)
        {
            throw InvalidArgument.AboveMax(field, max, number, integer: false);
        }
    }

    /// <summary>A value that must lie above <paramref name="bound"/>, and at most <paramref name="max"/>.</summary>
    public static void CheckAbove(double? value, string field, double bound, double max = double.MaxValue)
    {
        Check(value, field, max: max);
        if (value <= bound)
        {
            throw InvalidArgument.NotAbove(field, bound, value.Value);
        }
    }

    public static void Check(long? value, string field, long min, long max = long.MaxValue)
    {
        if (value < min)
        {
            throw InvalidArgument.BelowMin(field, min, value.Value, integer: true);
        }

        if (value > max)
        {
            throw InvalidArgument.AboveMax(field, max, value.Value, integer: true);
        }
    }

    public static void CheckTokenIds(IReadOnlyList<int> ids, string field)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            Check(ids[i], $"{field}[{i}]", 0);
        }
    }
}

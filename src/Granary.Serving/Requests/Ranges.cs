using System.Globalization;

namespace Granary.Serving.Requests;

/// <summary>Range checks on optional values, worded as OpenAI words them; absent values always pass.</summary>
public static class Ranges
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
            throw new InvalidRequestException($"Invalid '{field}': expected a finite number, but got {Format(number)} instead.", field, "invalid_value");
        }

        if (number < min)
        {
            throw BelowMin(field, min, number, integer: false);
        }

        if (number > max)
        {
            throw AboveMax(field, max, number, integer: false);
        }
    }

    /// <summary>A value that must lie above <paramref name="bound"/> (exclusive), and at most <paramref name="max"/>.</summary>
    public static void CheckAbove(double? value, string field, double bound, double max = double.MaxValue)
    {
        Check(value, field);
        if (value is not { } number || (number > bound && number <= max))
        {
            return;
        }

        var expected = max == double.MaxValue ? $"> {Format(bound)}" : $"> {Format(bound)} and <= {Format(max)}";
        throw new InvalidRequestException($"Invalid '{field}': expected a value {expected}, but got {Format(number)} instead.",
            field, number <= bound ? "decimal_below_min_value" : "decimal_above_max_value");
    }

    public static void Check(long? value, string field, long min, long max = long.MaxValue)
    {
        if (value < min)
        {
            throw BelowMin(field, min, value.Value, integer: true);
        }

        if (value > max)
        {
            throw AboveMax(field, max, value.Value, integer: true);
        }
    }

    /// <summary>Token ids are non-negative; each offender is named by its index.</summary>
    public static void CheckTokenIds(IReadOnlyList<int> ids, string field)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            Check(ids[i], $"{field}[{i}]", 0);
        }
    }

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static InvalidRequestException BelowMin(string field, double min, double got, bool integer) => new(
        $"Invalid '{field}': {Kind(integer)} below minimum value. Expected a value >= {Format(min)}, but got {Format(got)} instead.",
        field, $"{Kind(integer)}_below_min_value");

    private static InvalidRequestException AboveMax(string field, double max, double got, bool integer) => new(
        $"Invalid '{field}': {Kind(integer)} above maximum value. Expected a value <= {Format(max)}, but got {Format(got)} instead.",
        field, $"{Kind(integer)}_above_max_value");

    private static string Kind(bool integer) => integer ? "integer" : "decimal";
}

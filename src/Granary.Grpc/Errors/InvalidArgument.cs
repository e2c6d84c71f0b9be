using System.Globalization;
using Grpc.Core;

namespace Granary.Grpc.Errors;

/// <summary>
/// INVALID_ARGUMENT errors worded and coded as the HTTP API words its 400s, naming the field by its
/// path in the request message (for example <c>sampling.top_p</c> or <c>messages[2].role</c>).
/// </summary>
internal static class InvalidArgument
{
    public static RpcException Missing(string field) =>
        Create($"Missing required parameter: '{field}'.", field, "missing_required_parameter");

    public static RpcException Value(string field, string message) =>
        Create($"Invalid value for '{field}': {message}", field, "invalid_value");

    public static RpcException EmptyList(string field) =>
        Create($"Invalid '{field}': empty list. Expected at least one element.", field, "empty_array");

    public static RpcException NotANumber(string field, double got) =>
        Create($"Invalid '{field}': expected a finite number, but got {Format(got)} instead.", field, "invalid_value");

    public static RpcException BelowMin(string field, double min, double got, bool integer) =>
        Create($"Invalid '{field}': {Kind(integer)} below minimum value. Expected a value >= {Format(min)}, but got {Format(got)} instead.",
            field, $"{Kind(integer)}_below_min_value");

    public static RpcException AboveMax(string field, double max, double got, bool integer) =>
        Create($"Invalid '{field}': {Kind(integer)} above maximum value. Expected a value <= {Format(max)}, but got {Format(got)} instead.",
            field, $"{Kind(integer)}_above_max_value");

    /// <summary>An exclusive lower bound, as top_p and repetition_penalty have.</summary>
    public static RpcException NotAbove(string field, double bound, double got) =>
        Create($"Invalid '{field}': expected a value > {Format(bound)}, but got {Format(got)} instead.",
            field, "decimal_below_min_value");

    public static RpcException NotSupported(string field, string what) =>
        Create($"{what} is not supported yet by this server.", field, "unsupported_parameter");

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static RpcException Create(string message, string field, string code) =>
        GrpcErrors.Create(StatusCode.InvalidArgument, message, field, code);

    private static string Kind(bool integer) => integer ? "integer" : "decimal";
}

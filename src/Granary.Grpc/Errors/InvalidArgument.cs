using Granary.Serving.Requests;
using Grpc.Core;

namespace Granary.Grpc.Errors;

/// <summary>
/// INVALID_ARGUMENT errors worded and coded as the HTTP API words its 400s, naming the field by its
/// path in the request message (for example <c>messages[2].role</c>). Range errors come from the serving
/// layer's rules instead (<see cref="Serving.Requests.InvalidRequestException"/>).
/// </summary>
internal static class InvalidArgument
{
    public static RpcException Missing(string field) =>
        Create($"Missing required parameter: '{field}'.", field, "missing_required_parameter");

    public static RpcException Value(string field, string message) =>
        Create($"Invalid value for '{field}': {message}", field, "invalid_value");

    public static RpcException EmptyList(string field) =>
        Create($"Invalid '{field}': empty list. Expected at least one element.", field, "empty_array");

    public static RpcException NotSupported(string field, string what) =>
        Create($"{what} is not supported yet by this server.", field, "unsupported_parameter");

    private static RpcException Create(string message, string field, string code) =>
        GrpcErrors.Create(StatusCode.InvalidArgument, message, field, code);
}

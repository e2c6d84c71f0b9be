using System.Globalization;
using Granary.Engine.Abstractions;
using Granary.Grpc.Errors;
using Granary.Serving.Authentication;
using Grpc.Core;

namespace Granary.Grpc.Authentication;

/// <summary>
/// The gRPC side of <see cref="ApiKeyGrant"/>: a refusal becomes PERMISSION_DENIED or RESOURCE_EXHAUSTED,
/// with the HTTP error's param and code trailers and, when waiting helps, a <c>retry-after</c> trailer (seconds).
/// </summary>
internal static class GrpcKeyAccess
{
    public const string RetryAfterTrailer = "retry-after";

    public static void Remember(ServerCallContext context, ApiKeyGrant grant) => context.UserState[typeof(ApiKeyGrant)] = grant;

    public static ApiKeyGrant Grant(ServerCallContext context) =>
        context.UserState.TryGetValue(typeof(ApiKeyGrant), out var grant) ? (ApiKeyGrant)grant : ApiKeyGrant.Unrestricted;

    public static void AdmitRequest(ServerCallContext context, string model) => Enforce(Grant(context).AdmitRequest(model));

    public static void AdmitGeneration(ServerCallContext context, string model, GenerationRequest request) =>
        Enforce(Grant(context).AdmitGeneration(model, [request]));

    private static void Enforce(AccessDenial? denial)
    {
        if (denial is null)
        {
            return;
        }

        var status = denial.Reason == AccessDenialReason.ModelNotAllowed ? StatusCode.PermissionDenied : StatusCode.ResourceExhausted;
        var error = GrpcErrors.Create(status, denial.Message, denial.Param, denial.Code);
        if (denial.RetryAfterSeconds is { } seconds)
        {
            error.Trailers.Add(RetryAfterTrailer, seconds.ToString(CultureInfo.InvariantCulture));
        }

        throw error;
    }
}

using Granary.Engine.Abstractions;
using Granary.Serving;
using Granary.Serving.Requests;
using Grpc.Core;

namespace Granary.Grpc.Errors;

/// <summary>Decides the gRPC status for any exception a call ends with, as the HTTP API decides its status codes.</summary>
internal static class ExceptionStatusMapper
{
    public const string InternalErrorMessage = "The server had an error while processing your request. Sorry about that!";

    public static RpcException Map(Exception exception, CancellationToken callToken) => exception switch
    {
        RpcException rpc => rpc,
        InvalidRequestException invalid => GrpcErrors.Create(StatusCode.InvalidArgument, invalid.Message, invalid.Field, invalid.Code),
        EngineRequestException engine => GrpcErrors.Create(StatusCode.InvalidArgument, engine.Message, engine.Param, engine.Code),
        ModelNotFoundException missing => GrpcErrors.Create(StatusCode.NotFound, missing.Message, "model", "model_not_found"),
        ServiceUnavailableException unavailable => GrpcErrors.Create(StatusCode.Unavailable, unavailable.Message, null, unavailable.Code),
        // The client cancelled or its deadline passed: the call is over, nobody reads the status.
        OperationCanceledException when callToken.IsCancellationRequested => new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled.")),
        _ => GrpcErrors.Create(StatusCode.Internal, InternalErrorMessage),
    };

    /// <summary>Whether the failure is the server's own (logged as an error) rather than the client's.</summary>
    public static bool IsServerFault(RpcException mapped) => mapped.StatusCode is StatusCode.Internal or StatusCode.Unknown;
}

using Grpc.Core;

namespace Granary.Grpc.Errors;

/// <summary>Builds the <see cref="RpcException"/>s the service raises, with param and code trailers.</summary>
internal static class GrpcErrors
{
    public static RpcException Create(StatusCode status, string message, string? param = null, string? code = null)
    {
        var trailers = new Metadata();
        if (param is not null)
        {
            trailers.Add(ErrorTrailers.Param, param);
        }

        if (code is not null)
        {
            trailers.Add(ErrorTrailers.Code, code);
        }

        return new RpcException(new Status(status, message), trailers);
    }

    public static RpcException NoModelsServed() =>
        Create(StatusCode.NotFound, "No models are being served.", "model", "model_not_found");
}

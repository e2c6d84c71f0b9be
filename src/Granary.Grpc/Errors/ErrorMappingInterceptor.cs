using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Granary.Grpc.Errors;

/// <summary>
/// Turns the exceptions handlers and the cluster throw into gRPC statuses (see
/// <see cref="ExceptionStatusMapper"/>); without it every failure would reach clients as UNKNOWN.
/// Only server faults are logged: client errors are the client's to read.
/// </summary>
internal sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex)
        {
            throw Translate(ex, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        var mapped = ExceptionStatusMapper.Map(exception, context.CancellationToken);
        if (ExceptionStatusMapper.IsServerFault(mapped) && !ReferenceEquals(mapped, exception))
        {
            CallFailureLog.Failed(logger, exception, context.Method);
        }

        return mapped;
    }
}

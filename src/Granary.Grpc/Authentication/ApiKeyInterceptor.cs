using System.Security.Cryptography;
using System.Text;
using Granary.Api;
using Granary.Grpc.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace Granary.Grpc.Authentication;

/// <summary>
/// Requires <c>authorization: Bearer KEY</c> metadata with one of the HTTP API's keys; with none
/// configured every call passes. Attached to the inference service only, so health checks stay open.
/// </summary>
internal sealed class ApiKeyInterceptor(IOptions<GranaryApiOptions> options) : Interceptor
{
    private const string AuthorizationKey = "authorization";
    private const string BearerPrefix = "Bearer ";

    private readonly byte[][] _keys = options.Value.ApiKeys.Where(k => k.Length > 0).Select(Encoding.UTF8.GetBytes).ToArray();

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (_keys.Length == 0)
        {
            return;
        }

        var header = context.RequestHeaders.GetValue(AuthorizationKey) ?? "";
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse("You didn't provide an API key. Send it as 'authorization: Bearer YOUR_KEY' metadata.");
        }

        var presented = Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim());
        // Fixed-time comparison so that response timing does not reveal how much of a key matched.
        if (!_keys.Any(key => CryptographicOperations.FixedTimeEquals(key, presented)))
        {
            throw Refuse("Incorrect API key provided.");
        }
    }

    private static RpcException Refuse(string message) =>
        GrpcErrors.Create(StatusCode.Unauthenticated, message, null, "invalid_api_key");
}

using Granary.Grpc.Errors;
using Granary.Serving.Authentication;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Granary.Grpc.Authentication;

/// <summary>
/// Requires <c>authorization: Bearer KEY</c> metadata with one of the HTTP API's keys (the same
/// <see cref="ApiKeyPolicy"/>, so limits are shared); with none configured every call passes. Leaves the
/// key's grant for the service (<see cref="GrpcKeyAccess"/>) and ends a limited key's calls with its
/// x-ratelimit-* trailers. Attached to the inference service only, so health checks stay open.
/// </summary>
internal sealed class ApiKeyInterceptor(ApiKeyPolicy policy) : Interceptor
{
    private const string AuthorizationKey = "authorization";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var grant = Authenticate(context);
        try
        {
            return await continuation(request, context);
        }
        finally
        {
            AddRateLimitTrailers(grant, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var grant = Authenticate(context);
        try
        {
            await continuation(request, responseStream, context);
        }
        finally
        {
            AddRateLimitTrailers(grant, context);
        }
    }

    private ApiKeyGrant Authenticate(ServerCallContext context)
    {
        if (policy.IsOpen)
        {
            return ApiKeyGrant.Unrestricted;
        }

        if (ApiKeyPolicy.BearerToken(context.RequestHeaders.GetValue(AuthorizationKey)) is not { } presented)
        {
            throw Refuse("You didn't provide an API key. Send it as 'authorization: Bearer YOUR_KEY' metadata.");
        }

        var grant = policy.Find(presented) ?? throw Refuse("Incorrect API key provided.");
        GrpcKeyAccess.Remember(context, grant);
        return grant;
    }

    private static void AddRateLimitTrailers(ApiKeyGrant grant, ServerCallContext context)
    {
        foreach (var (name, value) in grant.RateLimitHeaderValues())
        {
            context.ResponseTrailers.Add(name, value);
        }
    }

    private static RpcException Refuse(string message) =>
        GrpcErrors.Create(StatusCode.Unauthenticated, message, null, "invalid_api_key");
}

using Granary.Api.Errors;
using Granary.Serving.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Granary.Api.Authentication;

/// <summary>
/// Requires <c>Authorization: Bearer KEY</c> with one of the configured keys, as OpenAI and vLLM's
/// --api-key do, and leaves the key's grant for the endpoints (<see cref="KeyAccess"/>). With no keys
/// configured every request passes. A limited key's responses all carry its x-ratelimit-* headers.
/// </summary>
internal sealed class ApiKeyFilter(ApiKeyPolicy policy) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (policy.IsOpen)
        {
            return await next(context);
        }

        var http = context.HttpContext;
        if (ApiKeyPolicy.BearerToken(http.Request.Headers.Authorization.ToString()) is not { } presented)
        {
            return Refuse(http,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
        }

        if (policy.Find(presented) is not { } grant)
        {
            return Refuse(http, "Incorrect API key provided.");
        }

        http.Features.Set(grant);
        if (grant.IsLimited)
        {
            // At the start of the response, so the numbers include this request's own charge.
            http.Response.OnStarting(() =>
            {
                foreach (var (name, value) in grant.RateLimitHeaderValues())
                {
                    http.Response.Headers[name] = value;
                }

                return Task.CompletedTask;
            });
        }

        return await next(context);
    }

    private static ErrorResult Refuse(HttpContext http, string message)
    {
        http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return new ErrorResult(StatusCodes.Status401Unauthorized, new ErrorBody(message, ErrorTypes.InvalidRequest, null, "invalid_api_key"));
    }
}

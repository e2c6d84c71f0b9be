using Granary.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Granary.Api.Endpoints;

/// <summary>Unknown URLs (404) and known URLs with the wrong method (405), in the OpenAI envelope.</summary>
internal static class FallbackEndpoints
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var route in ApiRoutes.All.GroupBy(r => r.Pattern))
        {
            var allowed = route.Select(r => r.Method).ToArray();
            var others = Methods.Except(allowed).ToArray();
            endpoints.MapMethods(route.Key, others, (HttpContext http) => MethodNotAllowed(http, allowed)).ExcludeFromDescription();
        }

        // Lowest priority: only requests that match nothing else land here. "{*path}" rather than the
        // default "{*path:nonfile}", so /console/missing.js is the API's 404 too, not an empty one.
        endpoints.MapFallback("{*path}", (HttpContext http) => new ErrorResult(StatusCodes.Status404NotFound, new ErrorBody(
            $"Invalid URL ({http.Request.Method} {http.Request.Path})", ErrorTypes.InvalidRequest, null, "unknown_url")))
            .ExcludeFromDescription();
    }

    private static ErrorResult MethodNotAllowed(HttpContext http, string[] allowed)
    {
        http.Response.Headers[HeaderNames.Allow] = string.Join(", ", allowed);
        return new ErrorResult(StatusCodes.Status405MethodNotAllowed, new ErrorBody(
            $"Method {http.Request.Method} is not allowed for {http.Request.Path}. Allowed: {string.Join(", ", allowed)}.",
            ErrorTypes.InvalidRequest, null, "method_not_allowed"));
    }
}

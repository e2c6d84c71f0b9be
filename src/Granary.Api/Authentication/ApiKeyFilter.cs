using System.Security.Cryptography;
using System.Text;
using Granary.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Granary.Api.Authentication;

/// <summary>
/// Requires <c>Authorization: Bearer KEY</c> with one of the configured keys, as OpenAI and vLLM's
/// --api-key do. With no keys configured every request passes.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<GranaryApiOptions> options) : IEndpointFilter
{
    private const string BearerPrefix = "Bearer ";

    private readonly byte[][] _keys = options.Value.ApiKeys.Where(k => k.Length > 0).Select(Encoding.UTF8.GetBytes).ToArray();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_keys.Length == 0)
        {
            return await next(context);
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(context.HttpContext,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
        }

        var presented = Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim());
        // Fixed-time comparison so that response timing does not reveal how much of a key matched.
        return _keys.Any(key => CryptographicOperations.FixedTimeEquals(key, presented))
            ? await next(context)
            : Refuse(context.HttpContext, "Incorrect API key provided.");
    }

    private static ErrorResult Refuse(HttpContext http, string message)
    {
        http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return new ErrorResult(StatusCodes.Status401Unauthorized, new ErrorBody(message, ErrorTypes.InvalidRequest, null, "invalid_api_key"));
    }
}

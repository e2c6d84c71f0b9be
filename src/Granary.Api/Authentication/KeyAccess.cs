using System.Globalization;
using Granary.Api.Errors;
using Granary.Engine.Abstractions;
using Granary.Serving.Authentication;
using Microsoft.AspNetCore.Http;

namespace Granary.Api.Authentication;

/// <summary>
/// The HTTP side of <see cref="ApiKeyGrant"/>: a refusal becomes a 403 or a 429 with Retry-After, or,
/// when waiting cannot help, with <c>x-should-retry: false</c>, which OpenAI's SDKs obey instead of retrying.
/// </summary>
internal static class KeyAccess
{
    public static ApiKeyGrant Grant(HttpContext http) => http.Features.Get<ApiKeyGrant>() ?? ApiKeyGrant.Unrestricted;

    public static void CheckModel(HttpContext http, string model) => Enforce(http, Grant(http).CheckModel(model));

    public static void AdmitRequest(HttpContext http, string model) => Enforce(http, Grant(http).AdmitRequest(model));

    public static void AdmitGeneration(HttpContext http, string model, IReadOnlyList<GenerationRequest> requests) =>
        Enforce(http, Grant(http).AdmitGeneration(model, requests));

    private static void Enforce(HttpContext http, AccessDenial? denial)
    {
        if (denial is null)
        {
            return;
        }

        if (denial.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        else if (denial.Reason == AccessDenialReason.RateLimited)
        {
            http.Response.Headers["x-should-retry"] = "false";
        }

        var status = denial.Reason == AccessDenialReason.ModelNotAllowed ? StatusCodes.Status403Forbidden : StatusCodes.Status429TooManyRequests;
        throw new ApiException(status, denial.Message, denial.Param, denial.Code, denial.Type);
    }
}

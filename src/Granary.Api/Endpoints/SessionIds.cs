using Microsoft.AspNetCore.Http;

namespace Granary.Api.Endpoints;

/// <summary>The session a request belongs to (for cache-affine routing): the body's session_id, else the X-Session-Id header.</summary>
internal static class SessionIds
{
    public const string Header = "X-Session-Id";

    public static string? Resolve(string? fromBody, HttpRequest request)
    {
        if (!string.IsNullOrEmpty(fromBody))
        {
            return fromBody;
        }

        var header = request.Headers[Header].ToString();
        return header.Length > 0 ? header : null;
    }
}

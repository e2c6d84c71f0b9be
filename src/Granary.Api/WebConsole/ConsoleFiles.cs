using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Granary.Api.WebConsole;

/// <summary>
/// GET / (the page) and GET /console/{file} (its script, style and icon). Exact routes only, so
/// nothing the API, probes or metrics serve is shadowed. Open: the page asks for a key itself.
/// </summary>
internal static class ConsoleFiles
{
    public const string Root = "/";
    public const string Folder = "/console/";

    // The page runs only its own script and style and talks only to this origin.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var asset in ConsoleAssets.Load())
        {
            var route = asset.Name == ConsoleAssets.Page ? Root : Folder + asset.Name;
            endpoints.MapGet(route, (HttpContext http) => Serve(http, asset)).ExcludeFromDescription();
        }
    }

    private static IResult Serve(HttpContext http, ConsoleAsset asset)
    {
        var headers = http.Response.Headers;
        headers.ETag = asset.ETag;
        // Revalidated on every load, so an upgraded server never runs a cached old script.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        if (http.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}

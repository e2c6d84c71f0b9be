using System.Net;
using System.Net.Http.Headers;

namespace Granary.Bench.Clients;

/// <summary>
/// The HttpClient of serve mode: one pooled connection per in-flight request (never queued behind
/// a connection limit), no proxy, no decompression, and no client-wide timeout (each request has its own).
/// </summary>
internal static class BenchHttp
{
    public static HttpClient Create(Uri baseUrl, string? apiKey)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
        };
        var http = new HttpClient(handler) { BaseAddress = WithTrailingSlash(baseUrl), Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return http;
    }

    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}

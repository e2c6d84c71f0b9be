using System.Net;
using System.Net.Sockets;
using Granary.Api.Errors;
using Granary.Api.Protocol;
using Microsoft.Extensions.Options;

namespace Granary.Api.Images;

/// <summary>
/// Fetches the http(s) image URLs of a chat into bytes before it goes to a model, when the server allows
/// it. The address check runs on the address actually connected to, so DNS cannot point a public name at
/// a private host; redirects are followed by hand, each checked the same way, up to a limit.
/// </summary>
internal sealed class ImageUrlFetcher : IDisposable
{
    private readonly ImageUrlOptions _options;
    private readonly HttpClient _http;

    public ImageUrlFetcher(IOptions<ImageUrlOptions> options)
    {
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The messages with every http(s) image part's bytes attached; unchanged when fetching is off (the engine then refuses such parts).</summary>
    public async Task<ChatMessageParam[]> ResolveAsync(ChatMessageParam[] messages, CancellationToken ct)
    {
        if (!_options.AllowFetch || !messages.Any(m => (m.Parts ?? []).Any(IsRemote))) return messages;
        var result = new ChatMessageParam[messages.Length];
        for (var m = 0; m < messages.Length; m++)
        {
            if (messages[m].Parts is not { } parts || !parts.Any(IsRemote))
            {
                result[m] = messages[m];
                continue;
            }
            var resolved = new ContentPartParam[parts.Length];
            for (var p = 0; p < parts.Length; p++)
                resolved[p] = IsRemote(parts[p])
                    ? parts[p] with { Data = await FetchAsync(new Uri(parts[p].ImageUrl!), $"messages[{m}].content[{p}].image_url", ct) }
                    : parts[p];
            result[m] = messages[m] with { Parts = resolved };
        }
        return result;
    }

    private static bool IsRemote(ContentPartParam part) => part.Type == ContentPartParam.ImageUrlType
        && Uri.TryCreate(part.ImageUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private async Task<byte[]> FetchAsync(Uri url, string param, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (redirects == _options.MaxRedirects)
                        throw Fail($"the image URL redirected more than {_options.MaxRedirects} times", param);
                    url = new Uri(url, location);
                    if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
                        throw Fail("the image URL redirected to a non-http(s) URL", param);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                    throw Fail($"fetching the image URL gave HTTP {(int)response.StatusCode}", param);
                if (response.Content.Headers.ContentLength > _options.MaxBytes)
                    throw TooLarge(param);
                return await ReadCappedAsync(response.Content, param, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Fail($"fetching the image URL took longer than {_options.Timeout.TotalSeconds:0.#} s", param);
        }
        catch (HttpRequestException error)
        {
            throw Fail(error.InnerException is NotPublicAddressException ? error.InnerException.Message : "the image URL could not be fetched", param);
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, string param, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes) throw TooLarge(param);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var allowed = _options.AllowPrivateAddresses ? addresses : addresses.Where(PublicAddresses.IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new NotPublicAddressException($"the image URL's host {context.DnsEndPoint.Host} is not a public address (the server runs without --allow-private-image-urls)");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private ApiException TooLarge(string param) =>
        ApiException.BadRequest($"The image at this URL is larger than {_options.MaxBytes} bytes.", param, "image_too_large");

    private static ApiException Fail(string reason, string param) => ApiException.BadRequest($"The image could not be fetched: {reason}.", param, "image_fetch_failed");

    public void Dispose() => _http.Dispose();

    private sealed class NotPublicAddressException(string message) : IOException(message);
}

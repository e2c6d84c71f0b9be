using Granary.Engine.Abstractions;

namespace Granary.Engine.Multimodal;

/// <summary>An image part's encoded bytes: from a base64 data: URL, or fetched by the server beforehand.</summary>
internal static class ImageSource
{
    public static byte[] Bytes(ContentPart part, string param, ImageLimits limits)
    {
        if (part.Data is { } fetched)
        {
            CheckSize(fetched.Length, param, limits);
            return fetched;
        }
        var url = part.Url ?? throw new EngineRequestException("The image part has no URL.", param);
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            throw new EngineRequestException(
                "This server does not fetch image URLs (it runs without --allow-image-urls); send the image as a data: URL.", param, "image_url_not_allowed");
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            throw new EngineRequestException("The image URL must be a data: URL (data:image/png;base64,...) or an http(s) URL.", param);
        var comma = url.IndexOf(',');
        if (comma < 0 || !url.AsSpan(5, comma - 5).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            throw new EngineRequestException("The image data: URL must be base64-encoded (data:image/png;base64,...).", param);
        var encoded = url.AsSpan(comma + 1);
        CheckSize(encoded.Length / 4L * 3, param, limits);
        var bytes = new byte[encoded.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var written))
            throw new EngineRequestException("The image data: URL is not valid base64.", param);
        return bytes[..written];
    }

    private static void CheckSize(long bytes, string param, ImageLimits limits)
    {
        if (bytes > limits.MaxBytes)
            throw new EngineRequestException($"The image is {bytes} bytes; at most {limits.MaxBytes} bytes are accepted.", param, "image_too_large");
    }
}

using SkiaSharp;

namespace Granary.Engine.Multimodal;

/// <summary>
/// Decodes PNG, JPEG (and the other formats Skia reads) to RGB. Pixels are decoded unpremultiplied and
/// without colour-space conversion, and alpha is dropped rather than composited: PIL's convert("RGB").
/// </summary>
internal static class ImageDecoder
{
    /// <summary>The decoded image, or null when the bytes are not an image Skia can decode or it exceeds <paramref name="maxPixels"/>.</summary>
    public static RgbImage? TryDecode(ReadOnlySpan<byte> bytes, long maxPixels, out string? error)
    {
        error = null;
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            error = "the image could not be decoded (PNG, JPEG, GIF, WebP and BMP are supported)";
            return null;
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > maxPixels)
        {
            error = $"the image is {width}x{height} pixels; at most {maxPixels} pixels are accepted";
            return null;
        }
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        unsafe
        {
            fixed (byte* target = rgba)
            {
                var result = codec.GetPixels(info, (IntPtr)target);
                // Skia fills a truncated image's missing rows (IncompleteInput); PIL refuses such files, and so do we.
                if (result != SKCodecResult.Success)
                {
                    error = $"the image could not be decoded ({result})";
                    return null;
                }
            }
        }
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        return new RgbImage(width, height, rgb);
    }
}

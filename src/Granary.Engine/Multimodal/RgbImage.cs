namespace Granary.Engine.Multimodal;

/// <summary>An 8-bit RGB image, row-major, 3 bytes per pixel (what PIL's convert("RGB") holds).</summary>
internal sealed class RgbImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    /// <summary>[height, width, 3].</summary>
    public byte[] Pixels { get; } = pixels.Length == width * height * 3
        ? pixels
        : throw new ArgumentException($"{pixels.Length} bytes for a {width}x{height} RGB image", nameof(pixels));
}

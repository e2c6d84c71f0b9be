using Granary.Engine.Configuration;
using Granary.Engine.Loading;
using Granary.Engine.Multimodal;
using Granary.Engine.Tests.Support;
using SkiaSharp;

namespace Granary.Engine.Tests.Multimodal;

public sealed class ClipImageProcessorTests
{
    private static ClipImageProcessor FixtureProcessor() => new(ClipImageProcessorConfig.Read(
        JsonConfig.Load(Path.Combine(Fixtures.Model("tiny-llava"), "processor_config.json")).GetObject("image_processor")!));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Test_image_matches_transformers_pixel_values(int index)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures.Model("tiny-llava"), "test_image.png"));
        var image = ImageDecoder.TryDecode(bytes, 1 << 20, out var error);
        Assert.Null(error);
        Assert.Equal((48, 40), (image!.Width, image.Height));

        var actual = FixtureProcessor().Process(image);

        using var golden = SafetensorsFile.Open(Path.Combine(Fixtures.Model("tiny-llava"), "golden_logits.safetensors"));
        using var expected = golden.Read(golden.Tensors[$"pixel_values_{index}"]);
        Assert.Equal([3L, 32, 32], expected.shape);
        var values = expected.data<float>().ToArray();
        Assert.Equal(values.Length, actual.Length);
        // One uint8 step is 1/255/std ≈ 0.015: a bicubic mismatch anywhere would show far above this.
        Assert.InRange(values.Zip(actual, (e, a) => Math.Abs(e - a)).Max(), 0, 1e-5);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, 100, 60)]
    [InlineData(SKEncodedImageFormat.Png, 17, 90)]
    [InlineData(SKEncodedImageFormat.Jpeg, 64, 64)]
    [InlineData(SKEncodedImageFormat.Jpeg, 31, 200)]
    [InlineData(SKEncodedImageFormat.Png, 20, 20)]
    public void Other_sizes_and_formats_become_the_crop_size(SKEncodedImageFormat format, int width, int height)
    {
        var bytes = Encode(format, width, height, SKColors.OrangeRed);

        var image = ImageDecoder.TryDecode(bytes, 1 << 20, out var error);
        var pixels = FixtureProcessor().Process(image!);

        Assert.Null(error);
        Assert.Equal((width, height), (image!.Width, image.Height));
        Assert.Equal(3 * 32 * 32, pixels.Length);
        // A flat colour stays flat through resize and crop; only JPEG's quantization moves it a little.
        var red = (SKColors.OrangeRed.Red / 255f - 0.48145466f) / 0.26862954f;
        var tolerance = format == SKEncodedImageFormat.Jpeg ? 0.1 : 1e-5;
        Assert.InRange(Math.Abs(pixels[32 * 16 + 16] - red), 0, tolerance);
    }

    [Fact]
    public void Alpha_is_dropped_not_composited()
    {
        var bytes = Encode(SKEncodedImageFormat.Png, 8, 8, new SKColor(200, 100, 50, 10));

        var image = ImageDecoder.TryDecode(bytes, 1 << 20, out _)!;

        Assert.Equal([200, 100, 50], image.Pixels[..3]);
    }

    [Fact]
    public void Undecodable_and_oversized_images_are_refused_with_a_reason()
    {
        Assert.Null(ImageDecoder.TryDecode("not an image"u8, 1 << 20, out var garbage));
        Assert.Contains("could not be decoded", garbage);

        var big = Encode(SKEncodedImageFormat.Png, 100, 100, SKColors.White);
        Assert.Null(ImageDecoder.TryDecode(big, 9_999, out var oversized));
        Assert.Contains("100x100", oversized);

        Assert.Null(ImageDecoder.TryDecode(big.AsSpan(0, big.Length / 2), 1 << 20, out var truncated));
        Assert.NotNull(truncated);
    }

    [Theory]
    [InlineData(40, 48, 32, 32, 38)]
    [InlineData(48, 40, 32, 38, 32)]
    [InlineData(100, 33, 32, 96, 32)]
    public void Shortest_edge_size_truncates_the_long_side(int height, int width, int size, int expectedHeight, int expectedWidth) =>
        Assert.Equal((expectedHeight, expectedWidth), ClipImageProcessor.ShortestEdgeSize(height, width, size));

    internal static byte[] Encode(SKEncodedImageFormat format, int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(color);
        using var encoded = bitmap.Encode(format, 95);
        return encoded.ToArray();
    }
}

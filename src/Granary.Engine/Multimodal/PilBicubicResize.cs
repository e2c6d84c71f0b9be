namespace Granary.Engine.Multimodal;

/// <summary>
/// Pillow's Image.resize(size, BICUBIC) for 8-bit RGB (libImaging/Resample.c): separable convolution,
/// horizontal pass then vertical, the filter's support widened by the scale when shrinking, weights
/// normalized and turned into 22-bit fixed point, each pass rounded and clipped to uint8.
/// </summary>
internal static class PilBicubicResize
{
    private const int PrecisionBits = 32 - 8 - 2;
    private const double Support = 2.0;

    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        if (width == image.Width && height == image.Height) return image;
        var (horizontalBounds, horizontalWeights, horizontalSize) = Coefficients(image.Width, width);
        var (verticalBounds, verticalWeights, verticalSize) = Coefficients(image.Height, height);
        var needHorizontal = width != image.Width;
        var needVertical = height != image.Height;

        var current = image;
        if (needHorizontal)
        {
            // Only the source rows the vertical pass reads are resampled, as Pillow does.
            var first = needVertical ? verticalBounds[0] : 0;
            var last = needVertical ? verticalBounds[(height - 1) * 2] + verticalBounds[(height - 1) * 2 + 1] : image.Height;
            if (needVertical)
                for (var i = 0; i < height; i++) verticalBounds[i * 2] -= first;
            current = Horizontal(image, width, first, last - first, horizontalBounds, horizontalWeights, horizontalSize);
        }
        if (needVertical)
            current = Vertical(current, height, verticalBounds, verticalWeights, verticalSize);
        return current;
    }

    private static RgbImage Horizontal(RgbImage input, int width, int firstRow, int rows, int[] bounds, int[] weights, int kernel)
    {
        var output = new byte[width * rows * 3];
        for (var y = 0; y < rows; y++)
        {
            var inRow = (y + firstRow) * input.Width * 3;
            for (var x = 0; x < width; x++)
            {
                var (min, count) = (bounds[x * 2], bounds[x * 2 + 1]);
                for (var c = 0; c < 3; c++)
                {
                    var sum = 1 << (PrecisionBits - 1);
                    for (var k = 0; k < count; k++)
                        sum += input.Pixels[inRow + (min + k) * 3 + c] * weights[x * kernel + k];
                    output[(y * width + x) * 3 + c] = Clip8(sum);
                }
            }
        }
        return new RgbImage(width, rows, output);
    }

    private static RgbImage Vertical(RgbImage input, int height, int[] bounds, int[] weights, int kernel)
    {
        var width = input.Width;
        var output = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var (min, count) = (bounds[y * 2], bounds[y * 2 + 1]);
            for (var x = 0; x < width; x++)
            for (var c = 0; c < 3; c++)
            {
                var sum = 1 << (PrecisionBits - 1);
                for (var k = 0; k < count; k++)
                    sum += input.Pixels[((min + k) * width + x) * 3 + c] * weights[y * kernel + k];
                output[(y * width + x) * 3 + c] = Clip8(sum);
            }
        }
        return new RgbImage(width, height, output);
    }

    /// <summary>precompute_coeffs + normalize_coeffs_8bpc: per output pixel, its first input pixel, count and fixed-point weights.</summary>
    private static (int[] Bounds, int[] Weights, int Kernel) Coefficients(int inSize, int outSize)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = Support * filterScale;
        var kernel = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var weights = new int[outSize * kernel];
        var w = new double[kernel];
        for (var x = 0; x < outSize; x++)
        {
            var center = (x + 0.5) * scale;
            var inverse = 1.0 / filterScale;
            var min = Math.Max((int)(center - support + 0.5), 0);
            var max = Math.Min((int)(center + support + 0.5), inSize) - min;
            var total = 0.0;
            for (var k = 0; k < max; k++)
            {
                w[k] = Bicubic((k + min - center + 0.5) * inverse);
                total += w[k];
            }
            for (var k = 0; k < kernel; k++)
            {
                var normalized = k < max ? (total != 0.0 ? w[k] / total : w[k]) : 0.0;
                weights[x * kernel + k] = normalized < 0
                    ? (int)(-0.5 + normalized * (1 << PrecisionBits))
                    : (int)(0.5 + normalized * (1 << PrecisionBits));
            }
            bounds[x * 2] = min;
            bounds[x * 2 + 1] = max;
        }
        return (bounds, weights, kernel);
    }

    /// <summary>Pillow's bicubic_filter, a = -0.5.</summary>
    private static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    private static byte Clip8(int value) => value >= (1 << PrecisionBits << 8) ? (byte)255 : value <= 0 ? (byte)0 : (byte)(value >> PrecisionBits);
}

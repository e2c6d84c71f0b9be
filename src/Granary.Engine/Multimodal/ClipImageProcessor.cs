namespace Granary.Engine.Multimodal;

/// <summary>
/// transformers' CLIPImageProcessor on one image: convert to RGB, resize (shortest edge, PIL bicubic),
/// center crop, rescale, normalize, channels first. Managed code only, so it runs on the thread pool.
/// </summary>
internal sealed class ClipImageProcessor(ClipImageProcessorConfig config)
{
    public ClipImageProcessorConfig Config { get; } = config;

    /// <summary>float32 [3, height, width] as <see cref="ClipImageProcessorConfig.OutputSize"/> gives them.</summary>
    public float[] Process(RgbImage image)
    {
        if (Config.DoResize)
        {
            var (height, width) = Config.Size ?? ShortestEdgeSize(image.Height, image.Width, Config.ShortestEdge!.Value);
            image = PilBicubicResize.Resize(image, width, height);
        }
        if (Config.DoCenterCrop) image = CenterCrop(image, Config.CropSize.Height, Config.CropSize.Width);
        return ToTensor(image);
    }

    /// <summary>get_resize_output_image_size(default_to_square=False): the short side becomes <paramref name="size"/>, the long one is truncated.</summary>
    public static (int Height, int Width) ShortestEdgeSize(int height, int width, int size)
    {
        var (shortSide, longSide) = width <= height ? (width, height) : (height, width);
        var newLong = (int)(size * (long)longSide / shortSide);
        return width <= height ? (newLong, size) : (size, newLong);
    }

    /// <summary>transformers' center_crop: top-left at the floored half of the margin; an image smaller than the crop is zero-padded around.</summary>
    private static RgbImage CenterCrop(RgbImage image, int height, int width)
    {
        if (image.Height == height && image.Width == width) return image;
        var top = (image.Height - height) / 2;
        var left = (image.Width - width) / 2;
        if (image.Height < height) top = -((height - image.Height + 1) / 2);
        if (image.Width < width) left = -((width - image.Width + 1) / 2);
        var pixels = new byte[height * width * 3];
        for (var y = 0; y < height; y++)
        {
            var sourceY = y + top;
            if (sourceY < 0 || sourceY >= image.Height) continue;
            for (var x = 0; x < width; x++)
            {
                var sourceX = x + left;
                if (sourceX < 0 || sourceX >= image.Width) continue;
                Buffer.BlockCopy(image.Pixels, (sourceY * image.Width + sourceX) * 3, pixels, (y * width + x) * 3, 3);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    private float[] ToTensor(RgbImage image)
    {
        var plane = image.Width * image.Height;
        var result = new float[3 * plane];
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < plane; i++)
            {
                // rescale in float64 then cast (transformers' rescale); normalize in float32.
                var value = Config.DoRescale ? (float)(image.Pixels[i * 3 + c] * Config.RescaleFactor) : image.Pixels[i * 3 + c];
                if (Config.DoNormalize) value = (value - Config.ImageMean[c]) / Config.ImageStd[c];
                result[c * plane + i] = value;
            }
        }
        return result;
    }
}

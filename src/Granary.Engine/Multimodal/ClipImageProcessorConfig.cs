using Granary.Engine.Configuration;

namespace Granary.Engine.Multimodal;

/// <summary>A CLIPImageProcessor's settings, read as transformers reads them (its defaults where a field is absent).</summary>
internal sealed record ClipImageProcessorConfig
{
    public bool DoResize { get; init; } = true;

    /// <summary>size.shortest_edge; null when size gives height and width instead.</summary>
    public int? ShortestEdge { get; init; } = 224;

    public (int Height, int Width)? Size { get; init; }

    public bool DoCenterCrop { get; init; } = true;
    public (int Height, int Width) CropSize { get; init; } = (224, 224);
    public bool DoRescale { get; init; } = true;
    public double RescaleFactor { get; init; } = 1 / 255.0;
    public bool DoNormalize { get; init; } = true;
    public float[] ImageMean { get; init; } = [0.48145466f, 0.4578275f, 0.40821073f];
    public float[] ImageStd { get; init; } = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>The output's height and width: the crop, or the resize when there is no crop.</summary>
    public (int Height, int Width) OutputSize => DoCenterCrop ? CropSize : Size ?? (ShortestEdge!.Value, ShortestEdge.Value);

    public static ClipImageProcessorConfig Read(JsonConfig json)
    {
        const int Bicubic = 3;
        if (json.GetInt("resample") is { } resample && resample != Bicubic)
            throw new ModelLoadException($"{json.FileName}: resample {resample} is not supported (only 3, bicubic)");
        var defaults = new ClipImageProcessorConfig();
        var size = json.GetObject("size");
        var shortest = size?.GetInt("shortest_edge") ?? json.GetInt("size");
        return new ClipImageProcessorConfig
        {
            DoResize = json.GetBool("do_resize") ?? true,
            ShortestEdge = size is null ? shortest ?? defaults.ShortestEdge : shortest,
            Size = shortest is null && size is not null ? (size.RequireInt("height"), size.RequireInt("width")) : null,
            DoCenterCrop = json.GetBool("do_center_crop") ?? true,
            CropSize = json.GetObject("crop_size") is { } crop
                ? (crop.RequireInt("height"), crop.RequireInt("width"))
                : json.GetInt("crop_size") is { } square ? (square, square) : defaults.CropSize,
            DoRescale = json.GetBool("do_rescale") ?? true,
            RescaleFactor = json.GetDouble("rescale_factor") ?? defaults.RescaleFactor,
            DoNormalize = json.GetBool("do_normalize") ?? true,
            ImageMean = Floats(json, "image_mean") ?? defaults.ImageMean,
            ImageStd = Floats(json, "image_std") ?? defaults.ImageStd,
        };
    }

    private static float[]? Floats(JsonConfig json, string key) => json[key] switch
    {
        null => null,
        System.Text.Json.Nodes.JsonArray { Count: 3 } values => values.Select(v => (float)v!.GetValue<double>()).ToArray(),
        System.Text.Json.Nodes.JsonValue single => Enumerable.Repeat((float)single.GetValue<double>(), 3).ToArray(),
        _ => throw new ModelLoadException($"{json.FileName}: field '{key}' must be a number or a list of 3 numbers"),
    };
}

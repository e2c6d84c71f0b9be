using Granary.Engine.Abstractions;
using Granary.Engine.Configuration;
using Granary.Engine.Models.Llava;
using Granary.Tokenization;

namespace Granary.Engine.Multimodal;

/// <summary>
/// What LlavaProcessor does to a prompt: each image through the CLIP image processor, each image
/// placeholder expanded to one token per feature row; then the placeholder runs are found in the
/// token ids. Managed code only: it runs with the rest of a prompt's preparation on the thread pool.
/// </summary>
internal sealed class VisionPrompts(ClipImageProcessor processor, string placeholder, int placeholderId, int tokensPerImage, ImageLimits limits)
{
    /// <summary>The text that marks an image in a rendered prompt ("&lt;image&gt;").</summary>
    public string Placeholder { get; } = placeholder;

    public int TokensPerImage { get; } = tokensPerImage;

    /// <summary>Reads processor_config.json (transformers 5) or preprocessor_config.json; null for a text-only model.</summary>
    public static VisionPrompts? Load(string modelDirectory, ModelConfig config, PretrainedTokenizer tokenizer, ImageLimits? limits = null)
    {
        if (config is not LlavaConfig llava) return null;
        var processorPath = Path.Combine(modelDirectory, "processor_config.json");
        var processor = File.Exists(processorPath) ? JsonConfig.Load(processorPath) : null;
        var imageProcessor = processor?.GetObject("image_processor")
            ?? JsonConfig.Load(Path.Combine(modelDirectory, "preprocessor_config.json"));
        var clip = ClipImageProcessorConfig.Read(imageProcessor);
        var vision = llava.Vision;
        if (clip.OutputSize != (vision.ImageSize, vision.ImageSize))
            throw new ModelLoadException($"{imageProcessor.FileName}: images come out {clip.OutputSize.Width}x{clip.OutputSize.Height} but the vision tower takes {vision.ImageSize}x{vision.ImageSize}");

        // The vision tower's feature count is what must match; the processor's own arithmetic is checked against it.
        var tokens = vision.NumPatches + (llava.VisionFeatureSelectStrategy == "default" ? 0 : 1);
        if (processor?.GetInt("patch_size") is { } patch)
        {
            var additional = processor.GetInt("num_additional_image_tokens") ?? 0;
            var expected = vision.ImageSize / patch * (vision.ImageSize / patch) + additional - (llava.VisionFeatureSelectStrategy == "default" ? 1 : 0);
            if (expected != tokens)
                throw new ModelLoadException($"{processor.FileName}: the processor expands an image to {expected} tokens but the vision tower gives {tokens} features");
        }
        var placeholder = processor?.GetString("image_token") ?? "<image>";
        var id = tokenizer.TokenToId(placeholder);
        if (id != llava.ImageTokenIndex)
            throw new ModelLoadException($"the tokenizer's id for {placeholder} is {id?.ToString() ?? "missing"}, but config.json's image_token_index is {llava.ImageTokenIndex}");
        return new VisionPrompts(new ClipImageProcessor(clip), placeholder, llava.ImageTokenIndex, tokens, limits ?? new ImageLimits());
    }

    /// <summary>Every image of the chat in order, decoded and preprocessed; a bad one is the client's error at its path.</summary>
    public List<float[]> Preprocess(ChatPrompt chat)
    {
        var result = new List<float[]>();
        for (var m = 0; m < chat.Messages.Length; m++)
        {
            var parts = chat.Messages[m].Parts ?? [];
            for (var p = 0; p < parts.Length; p++)
            {
                if (parts[p].Type == "text") continue;
                var param = $"messages[{m}].content[{p}].image_url";
                var bytes = ImageSource.Bytes(parts[p], param, limits);
                var image = ImageDecoder.TryDecode(bytes, limits.MaxPixels, out var error)
                    ?? throw new EngineRequestException($"The image is not usable: {error}.", param, "invalid_image");
                result.Add(processor.Process(image));
            }
        }
        return result;
    }

    /// <summary>Replaces each placeholder with one per feature row, as LlavaProcessor does to the text before tokenizing.</summary>
    public string Expand(string prompt, int images, string param)
    {
        var found = Count(prompt);
        if (found != images)
            throw new EngineRequestException(
                $"The prompt has {found} image placeholder{(found == 1 ? "" : "s")} ({Placeholder}) but {images} image{(images == 1 ? "" : "s")}; each image needs exactly one.", param);
        return images == 0 ? prompt : prompt.Replace(Placeholder, string.Concat(Enumerable.Repeat(Placeholder, TokensPerImage)), StringComparison.Ordinal);
    }

    /// <summary>Pairs the runs of placeholder ids with the images, in order.</summary>
    public PromptImage[] Locate(int[] ids, List<float[]> pixels, string param)
    {
        var runs = new List<int>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] != placeholderId) continue;
            var start = i;
            while (i < ids.Length && ids[i] == placeholderId) i++;
            for (var run = start; run < i; run += TokensPerImage)
            {
                if (i - run < TokensPerImage)
                    throw new EngineRequestException($"The prompt has {i - start} image tokens in a row at position {start}; an image takes {TokensPerImage}.", param);
                runs.Add(run);
            }
        }
        if (runs.Count != pixels.Count)
            throw new EngineRequestException($"The prompt has image tokens for {runs.Count} images but {pixels.Count} were given.", param);
        var (height, width) = processor.Config.OutputSize;
        return runs.Select((offset, i) => new PromptImage(offset, TokensPerImage, pixels[i], height, width)).ToArray();
    }

    private int Count(string prompt)
    {
        var count = 0;
        for (var at = prompt.IndexOf(Placeholder, StringComparison.Ordinal); at >= 0; at = prompt.IndexOf(Placeholder, at + Placeholder.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}

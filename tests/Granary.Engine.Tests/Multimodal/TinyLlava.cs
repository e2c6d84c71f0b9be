using System.Text.Json.Nodes;
using Granary.Engine.Abstractions;
using Granary.Engine.Loading;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Multimodal;

/// <summary>The tiny-llava fixture: its golden cases, image, and the chats that render exactly its raw prompts.</summary>
internal static class TinyLlava
{
    public const string Name = "tiny-llava";

    private static readonly Lazy<LoadedModel> Loaded = new(() => ModelLoader.Load(Fixtures.Model(Name)));

    public static LoadedModel Model => Loaded.Value;

    public static byte[] ImageBytes => File.ReadAllBytes(Path.Combine(Fixtures.Model(Name), "test_image.png"));

    public static string ImageDataUrl => "data:image/png;base64," + Convert.ToBase64String(ImageBytes);

    public static (int[] InputIds, int[] Greedy16) Golden(int index)
    {
        var cases = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures.Model(Name), "golden.json")))!["cases"]!;
        return (Ints(cases[index]!["input_ids"]!), Ints(cases[index]!["greedy_16"]!));
    }

    /// <summary>
    /// Case 0 ("&lt;image&gt;\nDescribe the image.") through a template that prints string content, which puts
    /// the image placeholder first on its own line; case 1 ("What is in &lt;image&gt; this picture?") through one
    /// that loops over the parts. Both print BOS first, as the processor's tokenizer adds it.
    /// </summary>
    public static ChatPrompt Chat(int index, string imageUrl) => index switch
    {
        0 => new ChatPrompt
        {
            Messages = [new ChatMessage { Role = "user", Parts = [Image(imageUrl), Text("Describe the image.")] }],
            ChatTemplate = StringTemplate,
        },
        1 => new ChatPrompt
        {
            Messages = [new ChatMessage { Role = "user", Parts = [Text("What is in "), Image(imageUrl), Text(" this picture?")] }],
            ChatTemplate = PartsTemplate,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public const string StringTemplate = "{{ bos_token }}{{ messages[0]['content'] }}";

    public const string PartsTemplate =
        "{{ bos_token }}{% for part in messages[0]['content'] %}{% if part['type'] == 'image' %}<image>{% else %}{{ part['text'] }}{% endif %}{% endfor %}";

    public static ContentPart Image(string url) => new() { Type = "image_url", Url = url };

    public static ContentPart Text(string text) => new() { Type = "text", Text = text };

    private static int[] Ints(JsonNode node) => node.AsArray().Select(n => n!.GetValue<int>()).ToArray();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>
/// Images through the whole stack (HTTP, validation, cluster, engine): the tiny-llava fixture's greedy
/// tokens for its prompt with the test image sent as a data: URL, rendered by a per-request chat_template
/// into exactly the fixture's raw prompt.
/// </summary>
public sealed class ImageInputProcessTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "fixtures", "tiny-llava");

    [Fact]
    public async Task Greedy_tokens_with_a_data_url_image_match_transformers_and_bad_images_are_400s_at_their_path()
    {
        await using var server = await GranaryServer.StartAsync("--model", $"tiny-llava={Fixture}", "--model", Paths.BundledModel);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var golden = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Fixture, "golden.json")))!["cases"]![0]!;
        var image = "data:image/png;base64," + Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(Fixture, "test_image.png")));

        using var response = await http.PostAsJsonAsync($"{server.Url}/v1/chat/completions", Chat("tiny-llava", image));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{body}\n{server.Output}");
        using var detokenize = await http.PostAsJsonAsync($"{server.Url}/detokenize",
            new JsonObject { ["model"] = "tiny-llava", ["tokens"] = golden["greedy_16"]!.DeepClone() });
        var expected = JsonNode.Parse(await detokenize.Content.ReadAsStringAsync())!["prompt"]!.GetValue<string>();

        Assert.Equal(expected, body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(golden["input_ids"]!.AsArray().Count, body["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(16, body["usage"]!["completion_tokens"]!.GetValue<int>());

        await AssertBadRequest(http, server, Chat("tiny-llava", "data:image/png;base64,bm90IGFuIGltYWdl"), "messages[0].content[0].image_url");
        await AssertBadRequest(http, server, Chat("tiny-llama3", image), "messages[0].content[0]");
    }

    private static async Task AssertBadRequest(HttpClient http, GranaryServer server, JsonObject request, string param)
    {
        using var response = await http.PostAsJsonAsync($"{server.Url}/v1/chat/completions", request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}\n{server.Output}");
        Assert.Equal(param, body["error"]!["param"]!.GetValue<string>());
    }

    private static JsonObject Chat(string model, string imageUrl) => new()
    {
        ["model"] = model,
        ["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = imageUrl, ["detail"] = "auto" } },
                new JsonObject { ["type"] = "text", ["text"] = "Describe the image." }),
        }),
        // The placeholder line first, then the text: exactly the fixture's "<image>\nDescribe the image.", BOS first.
        ["chat_template"] = "{{ bos_token }}{{ messages[0]['content'] }}",
        ["temperature"] = 0,
        ["max_tokens"] = 16,
        ["ignore_eos"] = true,
    };
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>
/// Issue #10: three 8 MB chats made an unrelated 16-token request wait 5.3 s (tokenized in full on the replica
/// grain's turn). Now a body no served model could take is refused before it is read (413), and a prompt that fits
/// the body bound but not the context is refused by its byte count before any tokenizing: the small request is not held up.
/// </summary>
public sealed class OversizedPromptProcessTests
{
    [Fact]
    public async Task A_small_request_during_three_oversized_prompts_is_answered_promptly()
    {
        await using var server = await GranaryServer.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await ChatAsync(http, server, "warm up", 4); // first-request costs are not what this measures

        // 1 MiB: under the body bound (413 is FrontDoorProcessTests' case), far over any prompt the model can take.
        var huge = new string('x', 1 << 20);
        var oversized = Enumerable.Range(0, 3).Select(_ => Task.Run(() => ChatAsync(http, server, huge, 16))).ToArray();
        await Task.Delay(200); // the big bodies are on their way in
        var watch = Stopwatch.StartNew();
        var (status, text) = await ChatAsync(http, server, "Hello there", 16);
        var elapsed = watch.Elapsed;

        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {text}");
        foreach (var big in await Task.WhenAll(oversized))
        {
            Assert.True(big.Status == HttpStatusCode.BadRequest, $"{(int)big.Status}: {big.Text[..Math.Min(300, big.Text.Length)]}");
            Assert.Equal("context_length_exceeded", JsonNode.Parse(big.Text)!["error"]!["code"]!.GetValue<string>());
        }
        // Generous for a loaded 2-core machine; it was 5.3 s before, ~0.1 s now (README, "Hostile input").
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"the small request took {elapsed.TotalSeconds:F2}s");
    }

    private static async Task<(HttpStatusCode Status, string Text)> ChatAsync(HttpClient http, GranaryServer server, string content, int maxTokens)
    {
        var body = new JsonObject
        {
            ["model"] = "tiny-llama3",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
            ["max_tokens"] = maxTokens,
            ["ignore_eos"] = true,
        };
        using var response = await http.PostAsJsonAsync($"{server.Url}/v1/chat/completions", body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

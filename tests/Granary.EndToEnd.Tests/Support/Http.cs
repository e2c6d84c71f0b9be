using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Granary.EndToEnd.Tests.Support;

/// <summary>Plain HTTP calls against a server, failing with the server's log when a call goes wrong.</summary>
internal static class Http
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static async Task<JsonObject> ChatAsync(GranaryServer server, string content, string? sessionId = null, int maxTokens = 8)
    {
        var body = new JsonObject
        {
            ["model"] = "tiny-llama3",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
            ["max_tokens"] = maxTokens,
            ["temperature"] = 0,
        };
        if (sessionId is not null) body["session_id"] = sessionId;
        var response = await Client.PostAsJsonAsync($"{server.Url}/v1/chat/completions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}\n--- server log ---\n{server.Output}");
        return JsonNode.Parse(text)!.AsObject();
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Granary.Api.Tests.Infrastructure;

internal static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, string json, CancellationToken ct = default) =>
        http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"), ct);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The data payloads of a server-sent event stream, [DONE] included.</summary>
    public static async Task<List<string>> SseDataAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n\n", text);
        return text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(frame => Assert.Single(frame.Split('\n')))
            .Select(line => line.StartsWith("data: ", StringComparison.Ordinal) ? line["data: ".Length..] : throw new Xunit.Sdk.XunitException($"Not an SSE data line: {line}"))
            .ToList();
    }

    /// <summary>The JSON chunks of a stream, after checking that it ends with exactly one [DONE].</summary>
    public static async Task<List<JsonElement>> SseChunksAsync(this HttpResponseMessage response)
    {
        var data = await response.SseDataAsync();
        Assert.Equal("[DONE]", data[^1]);
        Assert.Single(data, d => d == "[DONE]");
        return data[..^1].Select(d => JsonDocument.Parse(d).RootElement.Clone()).ToList();
    }

    public static void WithBearer(this HttpRequestMessage request, string key) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
}

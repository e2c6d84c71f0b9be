using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>--log-format json: every console line is a JSON object, and each request gets one access-log line.</summary>
public sealed class LoggingTests
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task Json_logs_have_one_access_line_per_request_naming_the_key_by_id_only()
    {
        const string key = "sk-never-in-the-logs";
        await using var server = await GranaryServer.StartAsync("--log-format", "json", "--api-key", key);
        var body = new JsonObject { ["model"] = "tiny-llama3", ["prompt"] = "Hello", ["max_tokens"] = 3, ["ignore_eos"] = true };
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"{server.Url}/v1/completions") { Content = JsonContent.Create(body) })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        using (var bad = await Client.PostAsJsonAsync($"{server.Url}/v1/completions", body)) // no key: 401
            Assert.Equal(401, (int)bad.StatusCode);

        JsonObject[] access = [];
        for (var tries = 0; tries < 50 && access.Length < 2; tries++)
        {
            await Task.Delay(100);
            var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines, line => JsonNode.Parse(line)); // throws on a line that is not JSON
            access = lines.Select(l => JsonNode.Parse(l)!.AsObject()).Where(l => (string?)l["Category"] == "Granary.Access").ToArray();
        }
        Assert.Equal(2, access.Length);
        var ok = access[0]["State"]!;
        Assert.Equal(("POST", "/v1/completions", 200, "tiny-llama3", 3),
            ((string)ok["Method"]!, (string)ok["Route"]!, (int)ok["Status"]!, (string)ok["Model"]!, (int)ok["CompletionTokens"]!));
        Assert.StartsWith("key-", (string)ok["KeyId"]!);
        Assert.Equal(401, (int)access[1]["State"]!["Status"]!);
        Assert.DoesNotContain(key, server.Output, StringComparison.Ordinal);
    }
}

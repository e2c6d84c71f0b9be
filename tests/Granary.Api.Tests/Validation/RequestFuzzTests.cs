using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Validation;

/// <summary>
/// Seeded fuzzing of the request bodies and URLs: valid requests mutated the ways the fuzz run that found
/// issue #10's 500s did (bytes flipped or cut, invalid UTF-8, lone surrogate escapes, stray keys at any
/// depth, wrong types, odd URLs). No answer may be a 5xx, and every error is OpenAI's envelope.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class RequestFuzzTests
{
    private const int Requests = 6000;
    private const string Model = "meta/llama-3.1-8b-instruct";

    private static readonly string[] Seeds =
    [
        """{"model":"MODEL","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Hi"}]}],"max_tokens":4,"temperature":0.5,"stop":["x"],"logprobs":true,"top_logprobs":2}""",
        """{"model":"MODEL","messages":[{"role":"user","content":"Weather?"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"sun"}],"tools":[{"type":"function","function":{"name":"w","parameters":{"type":"object"}}}],"stream":true}""",
        """{"model":"MODEL","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"}}},"n":2,"seed":3}""",
        """{"model":"MODEL","prompt":"Once upon","max_tokens":3,"echo":true,"logprobs":1,"stream":false}""",
        """{"model":"MODEL","prompt":[[1,2,3],[4,5]],"max_tokens":2,"stream":true,"stream_options":{"include_usage":true}}""",
        """{"model":"MODEL","prompt":"abc","add_special_tokens":true}""",
        """{"model":"MODEL","messages":[{"role":"user","content":"x"}],"add_generation_prompt":true}""",
        """{"tokens":[1,2,3]}""",
    ];

    private static readonly string[] Paths = ["/v1/chat/completions", "/v1/chat/completions", "/v1/completions", "/v1/completions", "/tokenize", "/detokenize"];

    private static readonly string[] OddUrls =
    [
        // %00 is Kestrel's to refuse before any app code runs (TestServer cannot even carry it).
        "/v1/models/%2500", "/v1/models/%FF%FE", "/v1/models/a%2Fb", "/v1/models/" + new string('x', 3000),
        "/v1/chat/completions/", "/v1//completions", "/v1/models/%C3", "/%E2%82", "/v1/health/ready?x=%2500",
    ];

    private const string Placeholder = "__junk__";

    private static readonly string[] Junk =
    [
        "null", "true", "-1", "1e400", "0.5", "\"\"", "[]", "{}", "[null]", "\"\\uDC00\"", "\"\\uD800\\u0041\"", "{\"a\":[]}", "9223372036854775808", "\"x\"",
    ];

    [Fact]
    public async Task Thousands_of_mutated_requests_get_no_5xx_and_only_openai_errors()
    {
        await using var host = await ApiHost.StartAsync();
        var random = new Random(20261206);
        var failures = new List<string>();
        var errors = 0;
        for (var i = 0; i < Requests && failures.Count < 5; i++)
        {
            using var request = Next(random);
            var description = $"{request.Method} {request.RequestUri} {(request.Content is null ? "" : Convert.ToBase64String(await request.Content.ReadAsByteArrayAsync()))}";
            using var response = await host.Http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} for {description}");
            }
            else if ((int)response.StatusCode >= 400)
            {
                errors++;
                if (!IsEnvelope(body)) failures.Add($"{(int)response.StatusCode} without an OpenAI error body for {description}: {Encoding.UTF8.GetString(body)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.InRange(errors, Requests / 10, Requests - 1); // the mutations do reach the validators, and not only them
    }

    private static HttpRequestMessage Next(Random random)
    {
        if (random.Next(20) == 0)
        {
            return new HttpRequestMessage(random.Next(2) == 0 ? HttpMethod.Get : HttpMethod.Post, OddUrls[random.Next(OddUrls.Length)]);
        }

        var seed = random.Next(Seeds.Length);
        var path = seed == Seeds.Length - 1 ? "/detokenize" : Paths[random.Next(Paths.Length)];
        var body = Mutate(Encoding.UTF8.GetBytes(Seeds[seed].Replace("MODEL", Model, StringComparison.Ordinal)), random);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static byte[] Mutate(byte[] json, Random random)
    {
        var text = Encoding.UTF8.GetString(json);
        var rounds = 1 + random.Next(3);
        var bytes = json.ToList();
        for (var round = 0; round < rounds; round++)
        {
            switch (random.Next(8))
            {
                case 0: // a byte flipped
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 1: // cut short
                    bytes = bytes.Take(random.Next(bytes.Count)).ToList();
                    if (bytes.Count == 0) return [];
                    break;
                case 2: // invalid UTF-8 inside a string
                    var quote = bytes.IndexOf((byte)'"', random.Next(bytes.Count));
                    if (quote > 0) bytes.InsertRange(quote + 1, new byte[] { (byte)(0x80 + random.Next(0x80)), 0xC0, 0xFF }.Take(1 + random.Next(3)));
                    break;
                default: // a value or key replaced, structurally
                    bytes = Encoding.UTF8.GetBytes(ReplaceValue(Encoding.UTF8.GetString(bytes.ToArray()), random) ?? text).ToList();
                    break;
            }
        }

        return bytes.ToArray();
    }

    /// <summary>A random value in the document replaced by junk, or a random object given a stray key; null if it does not parse.</summary>
    private static string? ReplaceValue(string json, Random random)
    {
        System.Text.Json.Nodes.JsonNode? root;
        try
        {
            root = System.Text.Json.Nodes.JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        var nodes = new List<System.Text.Json.Nodes.JsonNode>();
        Collect(root, nodes);
        if (nodes.Count == 0) return null;
        var target = nodes[random.Next(nodes.Count)];
        var junk = System.Text.Json.Nodes.JsonValue.Create(Placeholder);
        if (target is System.Text.Json.Nodes.JsonObject obj && random.Next(2) == 0)
        {
            obj[$"k{random.Next(100)}"] = junk;
        }
        else if (target.Parent is System.Text.Json.Nodes.JsonObject parent)
        {
            parent[target.GetPropertyName()] = junk;
        }
        else if (target.Parent is System.Text.Json.Nodes.JsonArray array)
        {
            array[target.GetElementIndex()] = junk;
        }

        try
        {
            // Junk goes in as written (\uDC00 stays an escape), which JsonNode itself could not write.
            return root!.ToJsonString().Replace($"\"{Placeholder}\"", Junk[random.Next(Junk.Length)], StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return null; // an earlier round left a lone surrogate that JsonNode cannot write back
        }
    }

    private static void Collect(System.Text.Json.Nodes.JsonNode? node, List<System.Text.Json.Nodes.JsonNode> into)
    {
        if (node is null) return;
        into.Add(node);
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                foreach (var (_, child) in obj) Collect(child, into);
                break;
            case System.Text.Json.Nodes.JsonArray array:
                foreach (var child in array) Collect(child, into);
                break;
        }
    }

    private static bool IsEnvelope(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var error = document.RootElement.GetProperty("error");
            return error.GetProperty("message").ValueKind == JsonValueKind.String
                && error.GetProperty("type").ValueKind == JsonValueKind.String
                && error.TryGetProperty("param", out _) && error.TryGetProperty("code", out _);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}

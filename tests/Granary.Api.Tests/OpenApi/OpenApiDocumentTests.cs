using System.Net;
using System.Text.Json;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.OpenApi;

/// <summary>
/// GET /openapi.json against NIM's published documents (fixtures/): every path they define exists
/// with its method, and every field both define has the same JSON type. Request fields must accept at
/// least the seed's types; response fields may only produce types the seed allows.
/// </summary>
public sealed class OpenApiDocumentTests
{
    public static TheoryData<string> Seeds => new() { "nim-completions-openapi.json", "nim-chat-completions-openapi.json" };

    [Fact]
    public async Task The_document_is_served_open_at_openapi_json_and_describes_every_route()
    {
        await using var host = await ApiHost.StartAsync(o => o.ApiKeys.Add("sk-test"));
        var response = await host.Http.GetAsync("/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        var paths = (await response.JsonAsync()).GetProperty("paths");
        foreach (var (route, method) in Routes)
        {
            Assert.True(paths.TryGetProperty(route, out var operations), $"{route} is missing");
            Assert.True(operations.TryGetProperty(method, out _), $"{method} {route} is missing");
        }

        Assert.False(paths.TryGetProperty("/openapi.json", out _));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Paths_and_field_types_agree_with_the_NIM_seed(string seedFile)
    {
        using var seedDocument = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", seedFile)));
        var seed = seedDocument.RootElement;
        await using var host = await ApiHost.StartAsync();
        var ours = await (await host.Http.GetAsync("/openapi.json")).JsonAsync();
        var compared = new List<string>();

        foreach (var path in seed.GetProperty("paths").EnumerateObject())
        {
            Assert.True(ours.GetProperty("paths").TryGetProperty(path.Name, out var ourPath), $"{path.Name} is missing");
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.True(ourPath.TryGetProperty(operation.Name, out var ourOperation), $"{operation.Name} {path.Name} is missing");

                var where = $"{operation.Name} {path.Name}";
                new Comparison(seed, ours, Direction.Request, compared).Fields(
                    JsonBody(operation.Value.GetProperty("requestBody")), JsonBody(ourOperation.GetProperty("requestBody")), $"{where} request");

                var seedOk = operation.Value.GetProperty("responses").GetProperty("200").GetProperty("content");
                var ourOk = ourOperation.GetProperty("responses").GetProperty("200").GetProperty("content");
                foreach (var mediaType in seedOk.EnumerateObject())
                {
                    Assert.True(ourOk.TryGetProperty(mediaType.Name, out _), $"{where} does not answer 200 as {mediaType.Name}");
                }

                new Comparison(seed, ours, Direction.Response, compared).Fields(
                    seedOk.GetProperty("application/json").GetProperty("schema"), ourOk.GetProperty("application/json").GetProperty("schema"), $"{where} response");
            }
        }

        // Not vacuous: the core fields of both directions were found on both sides and compared.
        Assert.Contains(compared, f => f.EndsWith("request.model", StringComparison.Ordinal));
        Assert.Contains(compared, f => f.EndsWith("request.max_tokens", StringComparison.Ordinal));
        Assert.Contains(compared, f => f.EndsWith("request.stop", StringComparison.Ordinal));
        Assert.Contains(compared, f => f.EndsWith("response.choices[].index", StringComparison.Ordinal));
        Assert.Contains(compared, f => f.EndsWith("response.usage.total_tokens", StringComparison.Ordinal));
        Assert.True(compared.Count >= 20, string.Join(", ", compared));
    }

    [Fact]
    public void A_type_disagreement_is_found()
    {
        using var seed = JsonDocument.Parse("""{"s":{"type":"object","properties":{"n":{"type":"integer"},"p":{"oneOf":[{"type":"string"},{"type":"array","items":{"type":"string"}}]}}}}""");
        using var ours = JsonDocument.Parse("""{"s":{"type":"object","properties":{"n":{"type":["null","number"]},"p":{"type":"string"}}}}""");
        var comparison = new Comparison(seed.RootElement, ours.RootElement, Direction.Request, []);

        var error = Assert.ThrowsAny<Exception>(() => comparison.Fields(seed.RootElement.GetProperty("s"), ours.RootElement.GetProperty("s"), "x"));
        Assert.Contains("x.n", error.Message);
    }

    private static readonly (string Route, string Method)[] Routes =
    [
        ("/v1/completions", "post"), ("/v1/chat/completions", "post"), ("/v1/models", "get"), ("/v1/models/{id}", "get"),
        ("/tokenize", "post"), ("/detokenize", "post"), ("/v1/health/live", "get"), ("/v1/health/ready", "get"), ("/health", "get"),
        ("/version", "get"), ("/v1/version", "get"), ("/v1/metadata", "get"),
    ];

    private static JsonElement JsonBody(JsonElement requestBody) => requestBody.GetProperty("content").GetProperty("application/json").GetProperty("schema");

    private enum Direction
    {
        Request,
        Response,
    }

    private sealed class Comparison(JsonElement seedDocument, JsonElement ourDocument, Direction direction, List<string> compared)
    {
        public void Fields(JsonElement seed, JsonElement ours, string where)
        {
            seed = Resolve(seedDocument, seed);
            ours = Resolve(ourDocument, ours);
            if (seed.TryGetProperty("properties", out var seedProperties) && Alternative(ourDocument, ours, "object") is { } ourObject
                && ourObject.TryGetProperty("properties", out var ourProperties))
            {
                foreach (var property in seedProperties.EnumerateObject())
                {
                    if (ourProperties.TryGetProperty(property.Name, out var ourProperty))
                    {
                        Field(property.Value, ourProperty, $"{where}.{property.Name}");
                    }
                }
            }
        }

        private void Field(JsonElement seed, JsonElement ours, string where)
        {
            var seedTypes = Types(seedDocument, seed);
            var ourTypes = Types(ourDocument, ours);
            var agrees = direction == Direction.Request ? seedTypes.IsSubsetOf(ourTypes) : ourTypes.IsSubsetOf(seedTypes);
            Assert.True(agrees, $"{where}: the seed says [{string.Join(", ", seedTypes)}], /openapi.json says [{string.Join(", ", ourTypes)}]");
            compared.Add(where);

            if (Alternative(seedDocument, seed, "object") is { } seedObject && Alternative(ourDocument, ours, "object") is { } ourObject)
            {
                Fields(seedObject, ourObject, where);
            }

            if (Alternative(seedDocument, seed, "array") is { } seedArray && Alternative(ourDocument, ours, "array") is { } ourArray
                && seedArray.TryGetProperty("items", out var seedItems) && ourArray.TryGetProperty("items", out var ourItems))
            {
                Field(seedItems, ourItems, $"{where}[]");
            }
        }

        /// <summary>The JSON types a schema allows, null aside ("any" when it declares none).</summary>
        private static HashSet<string> Types(JsonElement document, JsonElement schema)
        {
            schema = Resolve(document, schema);
            var types = new HashSet<string>(StringComparer.Ordinal);
            if (schema.TryGetProperty("type", out var type))
            {
                if (type.ValueKind == JsonValueKind.String) types.Add(type.GetString()!);
                else foreach (var t in type.EnumerateArray()) types.Add(t.GetString()!);
            }

            foreach (var union in new[] { "oneOf", "anyOf" })
            {
                if (schema.TryGetProperty(union, out var alternatives))
                {
                    foreach (var alternative in alternatives.EnumerateArray()) types.UnionWith(Types(document, alternative));
                }
            }

            types.Remove("null");
            return types.Count > 0 ? types : ["any"];
        }

        /// <summary>The schema, or its oneOf alternative, that has the given type.</summary>
        private static JsonElement? Alternative(JsonElement document, JsonElement schema, string type)
        {
            schema = Resolve(document, schema);
            if (schema.TryGetProperty("type", out var own)
                && (own.ValueKind == JsonValueKind.String ? own.GetString() == type : own.EnumerateArray().Any(t => t.GetString() == type)))
            {
                return schema;
            }

            foreach (var union in new[] { "oneOf", "anyOf" })
            {
                if (schema.TryGetProperty(union, out var alternatives))
                {
                    foreach (var alternative in alternatives.EnumerateArray())
                    {
                        if (Alternative(document, alternative, type) is { } found) return found;
                    }
                }
            }

            return null;
        }

        private static JsonElement Resolve(JsonElement document, JsonElement schema)
        {
            while (schema.TryGetProperty("$ref", out var reference))
            {
                schema = document;
                foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/')) schema = schema.GetProperty(part);
            }

            return schema;
        }
    }
}

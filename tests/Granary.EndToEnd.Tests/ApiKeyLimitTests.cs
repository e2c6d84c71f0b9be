using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>
/// A server started with --api-keys-file, driven by the openai package (typed 403/429 errors and the
/// x-ratelimit-* headers) and by @grpc/grpc-js (PERMISSION_DENIED, RESOURCE_EXHAUSTED and trailers).
/// </summary>
public sealed class ApiKeyLimitTests : IDisposable
{
    private const string KeysFile = """
        {"keys": [
          {"key": "e2e-scoped", "models": ["some-other-model"]},
          {"key": "e2e-rpm", "models": "*", "requests_per_minute": 2},
          {"key": "e2e-tpm", "tokens_per_minute": 150},
          {"key": "e2e-grpc-rpm", "models": ["tiny-llama3"], "requests_per_minute": 1},
          {"key": "e2e-shared", "requests_per_minute": 1}
        ]}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("granary-keys-").FullName;

    [Fact]
    public async Task Scoped_and_limited_keys_through_the_openai_package_and_grpc_js()
    {
        var file = Path.Combine(_directory, "keys.json");
        await File.WriteAllTextAsync(file, KeysFile);
        await using var server = await GranaryServer.StartAsync("--api-key", "e2e-open", "--api-keys-file", file);
        var environment = new Dictionary<string, string>
        {
            ["GRANARY_URL"] = server.Url,
            ["GRANARY_GRPC_URL"] = server.GrpcUrl,
            ["GRANARY_MODEL"] = "tiny-llama3",
        };

        await NodeSuite.RunAsync("keys.openai.test.mjs", environment, server);
        await NodeSuite.RunAsync("keys.grpc.test.mjs", environment, server);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>@grpc/grpc-js with the repo's protos against the server's HTTP/2 port.</summary>
public sealed class GrpcClientTests
{
    [Fact]
    public async Task The_grpc_js_client_drives_the_granary_v1_service()
    {
        const string key = "grpc-secret";
        await using var server = await GranaryServer.StartAsync("--api-key", key);
        await NodeSuite.RunAsync("grpc.test.mjs", new Dictionary<string, string>
        {
            ["GRANARY_GRPC_URL"] = server.GrpcUrl,
            ["GRANARY_API_KEY"] = key,
            ["GRANARY_MODEL"] = "tiny-llama3",
        }, server);
    }
}

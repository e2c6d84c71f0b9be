using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>The official openai npm package, as users run it, against the server process.</summary>
public sealed class OpenAiSdkTests
{
    [Fact]
    public async Task The_openai_package_drives_chat_streaming_completions_models_and_errors()
    {
        const string key = "e2e-secret";
        await using var server = await GranaryServer.StartAsync("--api-key", key);
        await NodeSuite.RunAsync("openai.test.mjs", new Dictionary<string, string>
        {
            ["GRANARY_URL"] = server.Url,
            ["GRANARY_API_KEY"] = key,
            ["GRANARY_MODEL"] = "tiny-llama3",
        }, server);
    }

    [Fact]
    public async Task Forced_tool_calls_finish_whole_through_the_openai_package()
    {
        await using var server = await GranaryServer.StartAsync();
        await NodeSuite.RunAsync("tool-framing.test.mjs", new Dictionary<string, string>
        {
            ["GRANARY_URL"] = server.Url,
            ["GRANARY_MODEL"] = "tiny-llama3",
        }, server);
    }
}

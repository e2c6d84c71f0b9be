using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>
/// The web console in headless Chromium (apt chromium, driven by playwright-core) against the server
/// process, with an API key the page has to ask for. Screenshots are kept under artifacts/console in
/// the test output directory.
/// </summary>
public sealed class ConsoleBrowserTests
{
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts", "console");

    [Fact]
    public async Task The_console_streams_a_chat_and_lists_the_replica_in_headless_chromium()
    {
        const string key = "console-secret";
        var chromium = Chromium.Find();
        await using var server = await GranaryServer.StartAsync("--api-key", key);
        await NodeSuite.RunAsync("console.browser.test.mjs", new Dictionary<string, string>
        {
            ["GRANARY_URL"] = server.Url,
            ["GRANARY_API_KEY"] = key,
            ["GRANARY_MODEL"] = "tiny-llama3",
            ["CHROMIUM_PATH"] = chromium,
            ["SCREENSHOT_DIR"] = ScreenshotDirectory,
        }, server);
        Assert.True(File.Exists(Path.Combine(ScreenshotDirectory, "playground.png")));
        Assert.True(File.Exists(Path.Combine(ScreenshotDirectory, "cluster.png")));
    }
}

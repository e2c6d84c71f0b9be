namespace Granary.EndToEnd.Tests.Support;

/// <summary>Runs a node:test file from js/ (installing its npm packages first if needed) and fails with its output.</summary>
internal static class NodeSuite
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public static async Task RunAsync(string file, IReadOnlyDictionary<string, string> environment, GranaryServer server)
    {
        await EnsurePackagesAsync();
        await using var node = new ChildProcess("node", ["--test", "--test-concurrency=1", file], environment, Paths.Scripts);
        var exit = await node.WaitForExitAsync(TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, $"node --test {file} failed ({exit}):\n{node.Output}\n--- server log ---\n{server.Output}");
    }

    private static async Task EnsurePackagesAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            string[] packages = ["openai", "@grpc/grpc-js", "@grpc/proto-loader", "playwright-core"];
            if (packages.All(p => Directory.Exists(Path.Combine(Paths.Scripts, "node_modules", p)))) return;
            await using var npm = new ChildProcess("npm", ["ci", "--no-audit", "--no-fund"], workingDirectory: Paths.Scripts);
            var exit = await npm.WaitForExitAsync(TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, $"npm ci failed:\n{npm.Output}");
        }
        finally
        {
            InstallGate.Release();
        }
    }
}

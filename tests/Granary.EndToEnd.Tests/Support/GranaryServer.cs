using System.Net;

namespace Granary.EndToEnd.Tests.Support;

/// <summary>One granary process (any role) on free loopback ports, ready once its health endpoint says so.</summary>
internal sealed class GranaryServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private GranaryServer(ChildProcess process, int port, int siloPort)
    {
        _process = process;
        Url = $"http://127.0.0.1:{port}";
        SiloPort = siloPort;
    }

    public string Url { get; }

    public int SiloPort { get; }

    public string Output => _process.Output;

    public static async Task<GranaryServer> StartAsync(params string[] arguments)
    {
        int port = FreePorts.Next(), siloPort = FreePorts.Next(), gatewayPort = FreePorts.Next();
        string[] all = [Paths.ServerAssembly, "--host", "127.0.0.1", "--port", $"{port}", "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", .. arguments];
        var process = new ChildProcess("dotnet", all);
        var server = new GranaryServer(process, port, siloPort);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        return server;
    }

    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{_process.Description} exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{Url}/v1/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{_process.Description} was not ready within {timeout}:\n{Output}");
    }
}

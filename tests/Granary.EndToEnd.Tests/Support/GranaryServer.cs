using System.Net;

namespace Granary.EndToEnd.Tests.Support;

/// <summary>One granary process (any role) on free loopback ports, ready once its health endpoint says so.</summary>
internal sealed class GranaryServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private GranaryServer(ChildProcess process, int port, int grpcPort, int siloPort)
    {
        _process = process;
        Url = $"http://127.0.0.1:{port}";
        GrpcUrl = $"http://127.0.0.1:{grpcPort}";
        SiloPort = siloPort;
    }

    public string Url { get; }

    /// <summary>The HTTP/2 (gRPC) endpoint.</summary>
    public string GrpcUrl { get; }

    public int SiloPort { get; }

    public string Output => _process.Output;

    /// <summary>Starts a process and waits until it is ready to serve (its models, or a worker's engines, produced a token).</summary>
    public static Task<GranaryServer> StartAsync(params string[] arguments) => StartAsync(new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="StartAsync(string[])"/>, with environment variables set for the process.</summary>
    public static async Task<GranaryServer> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var server = await StartLiveAsync(environment, arguments);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        return server;
    }

    /// <summary>Starts a process and waits only until it answers HTTP (a gateway is not ready before a worker joins).</summary>
    public static Task<GranaryServer> StartLiveAsync(params string[] arguments) => StartLiveAsync(new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="StartLiveAsync(string[])"/>, with environment variables set for the process.</summary>
    public static async Task<GranaryServer> StartLiveAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        int port = FreePorts.Next(), grpcPort = FreePorts.Next(), siloPort = FreePorts.Next(), gatewayPort = FreePorts.Next();
        string[] all = [Paths.ServerAssembly, "--host", "127.0.0.1", "--port", $"{port}", "--grpc-port", $"{grpcPort}",
            "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", .. arguments];
        var process = new ChildProcess("dotnet", all, environment);
        var server = new GranaryServer(process, port, grpcPort, siloPort);
        await server.WaitForAsync("/v1/health/live", TimeSpan.FromSeconds(120));
        return server;
    }

    /// <summary>kill -9.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM: a graceful stop.</summary>
    public void Terminate() => _process.Terminate();

    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    public Task WaitUntilReadyAsync(TimeSpan timeout) => WaitForAsync("/v1/health/ready", timeout);

    private async Task WaitForAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{_process.Description} exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{Url}{path}")).StatusCode == HttpStatusCode.OK) return;
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
        throw new TimeoutException($"{_process.Description}: {path} not OK within {timeout}:\n{Output}");
    }
}

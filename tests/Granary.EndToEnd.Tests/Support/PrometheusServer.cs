using System.Globalization;
using System.Text.Json.Nodes;

namespace Granary.EndToEnd.Tests.Support;

/// <summary>A throwaway Prometheus (apt `prometheus`) scraping the given targets every second, queried over its HTTP API.</summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ChildProcess _process;
    private readonly string _folder;

    private PrometheusServer(ChildProcess process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public string Output => _process.Output;

    /// <param name="targets">Per role label (gateway, worker), the host:port of each process to scrape.</param>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string[]> targets)
    {
        var folder = Directory.CreateTempSubdirectory("granary-prometheus-").FullName;
        var config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: granary\n    static_configs:\n";
        foreach (var (role, hosts) in targets)
            config += $"      - targets: [{string.Join(", ", hosts.Select(h => $"'{h}'"))}]\n        labels: {{role: {role}}}\n";
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), config);
        var port = FreePorts.Next();
        var process = new ChildProcess("prometheus", [$"--config.file={Path.Combine(folder, "prometheus.yml")}",
            $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}"]);
        var server = new PrometheusServer(process, folder, port);
        try
        {
            await server.WaitAsync("sum(up)", up => up == targets.Values.Sum(h => h.Length), TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An instant query's single value; null when the result is empty.</summary>
    public async Task<double?> QueryAsync(string query)
    {
        var text = await Client.GetStringAsync($"{Url}/api/v1/query?query={Uri.EscapeDataString(query)}");
        var result = JsonNode.Parse(text)!["data"]!["result"]!.AsArray();
        return result.Count == 0 ? null : double.Parse(result[0]!["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    /// <summary>Polls a query until its value passes <paramref name="done"/>; fails with the last value seen.</summary>
    public async Task<double?> WaitAsync(string query, Func<double?, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        double? value = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                value = await QueryAsync(query);
                if (done(value)) return value;
            }
            catch (HttpRequestException) when (!_process.HasExited)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{query} stayed at {value?.ToString(CultureInfo.InvariantCulture) ?? "no value"} for {timeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // the TSDB may still be closing; it is a temp folder
        }
    }
}

using System.Globalization;

namespace Granary.EndToEnd.Tests.Support;

/// <summary>A gateway process and worker processes serving <see cref="SlowModel"/>, joined through a membership store.</summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly string[] _store;
    private readonly string[] _workerArguments;

    private ProcessCluster(string[] store, string[] workerArguments, GranaryServer gateway)
    {
        _store = store;
        _workerArguments = workerArguments;
        Gateway = gateway;
    }

    public GranaryServer Gateway { get; }

    public List<GranaryServer> Workers { get; } = [];

    /// <summary>Redis membership for a fresh cluster id.</summary>
    public static string[] Redis(RedisServer redis) =>
        ["--clustering", "redis", "--clustering-connection", redis.Connection, "--advertise-address", "127.0.0.1", "--cluster-id", $"e2e-{Guid.NewGuid():N}"];

    public static async Task<ProcessCluster> StartAsync(string[] store, int workers, params string[] workerArguments)
    {
        var gateway = await GranaryServer.StartLiveAsync(["--role", "gateway", .. store]);
        var cluster = new ProcessCluster(store, workerArguments, gateway);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => cluster.AddWorkerAsync()));
            await cluster.WaitForReplicasAsync(workers, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Starts one more worker and waits until its engine is ready (not until the gateway routes to it).</summary>
    public async Task<GranaryServer> AddWorkerAsync()
    {
        string[] arguments = ["--role", "worker", "--model", await SlowModel.ArgumentAsync(), "--threads", "1", "--kv-cache-memory", "64MiB", .. _workerArguments, .. _store];
        var worker = await GranaryServer.StartAsync(arguments);
        lock (Workers) Workers.Add(worker);
        return worker;
    }

    /// <summary>The one worker that is running requests now, by each live worker's own /metrics.</summary>
    public async Task<GranaryServer> ServingWorkerAsync()
    {
        GranaryServer[] live;
        lock (Workers) live = Workers.Where(w => !w.HasExited).ToArray();
        var running = await Task.WhenAll(live.Select(async w => (Worker: w, Running: Sum(await Client.GetStringAsync($"{w.Url}/metrics"), "vllm:num_requests_running"))));
        var busy = running.Where(r => r.Running > 0).Select(r => r.Worker).ToArray();
        Assert.True(busy.Length == 1, $"expected one busy worker, found silo ports [{string.Join(", ", busy.Select(w => w.SiloPort))}]");
        return busy[0];
    }

    /// <summary>Replicas in the gateway's routing table (draining ones included).</summary>
    public async Task<int> RoutedReplicasAsync() =>
        (int)Sum(await Client.GetStringAsync($"{Gateway.Url}/metrics"), "granary_routing_replicas");

    /// <summary>The sum of a metric's series in a /metrics text.</summary>
    public static double Sum(string metrics, string name) => metrics.Split('\n')
        .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    public async Task WaitForReplicasAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await RoutedReplicasAsync() != count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the gateway did not see {count} replicas within {timeout}:\n{Gateway.Output}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in Workers) await worker.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

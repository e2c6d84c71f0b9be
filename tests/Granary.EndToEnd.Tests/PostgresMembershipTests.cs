using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>
/// Gateway and worker processes joined through PostgreSQL (`--clustering adonet`, Npgsql), schema by `--clustering-init`.
/// Failover over it: <see cref="FailoverProcessTests"/>.
/// </summary>
[Collection(ClusterProcesses.Name)]
public sealed class PostgresMembershipTests
{
    /// <summary>The advisory lock key silos take while they create the schema (PostgresClusteringSchema.LockKey).</summary>
    private const long SchemaLockKey = 0x4772616E61727901;

    [Fact]
    public async Task Silos_starting_together_on_a_fresh_database_create_the_schema_once()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var cluster = Cluster(await postgres.CreateDatabaseAsync("fresh"), init: true);

        // Hold the silos' schema lock so both queue on it, then let them go at the same instant: without the lock, or
        // without a fresh look at the schema once holding it, the second one fails on "relation already exists".
        await using var holder = postgres.StartQuery("fresh", $"SELECT pg_advisory_lock({SchemaLockKey}); SELECT pg_sleep(600);");
        Assert.True(await EventuallyAsync(postgres, "fresh", "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted", "1"), holder.Output);
        Task<GranaryServer>[] starts = [GranaryServer.StartLiveAsync(["--role", "gateway", .. cluster]), GranaryServer.StartAsync(["--role", "worker", .. cluster])];
        var bothQueued = await EventuallyAsync(postgres, "fresh", "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", "2");
        await postgres.QueryAsync("fresh", "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully)) await (await start).DisposeAsync();
            throw;
        }
        await using var gateway = await starts[0];
        await using var worker = await starts[1];
        Assert.True(bothQueued, $"the silos did not wait for the schema lock:\n{gateway.Output}\n{worker.Output}");
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        var completion = await Http.ChatAsync(gateway, "Hello");
        Assert.Equal(8, completion["usage"]!["completion_tokens"]!.GetValue<int>());
        string[] outputs = [gateway.Output, worker.Output];
        Assert.Single(outputs, o => o.Contains("Created Orleans' clustering schema", StringComparison.Ordinal));
        Assert.Single(outputs, o => o.Contains("Orleans' clustering schema present", StringComparison.Ordinal));
        Assert.Equal(["2"], await postgres.QueryAsync("fresh", "SELECT count(*) FROM OrleansMembershipTable WHERE Status = 3")); // 3: active
    }

    [Fact]
    public async Task Without_init_a_database_lacking_the_schema_stops_start_up_with_a_clear_error()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync("empty");

        var (exitCode, output) = await RunUntilExitAsync(Cluster(connection, init: false));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'empty' on 127.0.0.1", output, StringComparison.Ordinal);
        Assert.Contains("has no Orleans clustering schema (no OrleansQuery table)", output, StringComparison.Ordinal);
        Assert.Contains("--clustering-init", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
        Assert.Equal(["t"], await postgres.QueryAsync("empty", "SELECT to_regclass('orleansquery') IS NULL")); // nothing created
    }

    [Fact]
    public async Task An_unreachable_database_stops_start_up_with_a_clear_error()
    {
        var nobody = FreePorts.Next();

        var (exitCode, output) = await RunUntilExitAsync(Cluster($"Host=127.0.0.1;Port={nobody};Database=membership;Username=granary", init: true));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"Cannot reach the membership database 'membership' on 127.0.0.1:{nobody}", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    private static string[] Cluster(string connection, bool init) =>
    [
        "--clustering", "adonet", "--clustering-connection", connection, .. init ? ["--clustering-init"] : Array.Empty<string>(),
        "--advertise-address", "127.0.0.1", "--cluster-id", $"e2e-{Guid.NewGuid():N}",
    ];

    /// <summary>A gateway silo that is expected to give up: its exit code and everything it printed.</summary>
    private static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string[] cluster)
    {
        await using var process = new ChildProcess("dotnet", [Paths.ServerAssembly, "--role", "gateway", "--host", "127.0.0.1",
            "--port", $"{FreePorts.Next()}", "--grpc-port", "0", "--silo-port", $"{FreePorts.Next()}", "--gateway-port", $"{FreePorts.Next()}", .. cluster]);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.Output);
    }

    /// <summary>Whether a one-value query answers <paramref name="expected"/> within 60 seconds.</summary>
    private static async Task<bool> EventuallyAsync(PostgresServer postgres, string database, string sql, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await postgres.QueryAsync(database, sql)).SequenceEqual([expected]))
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
        return true;
    }

    private static void AssertNoStackTrace(string output) =>
        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
}

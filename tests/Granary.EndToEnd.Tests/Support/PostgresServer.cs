namespace Granary.EndToEnd.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL on a free loopback port: its own initdb'd data folder (trust auth, no fsync) and unix socket
/// in a temporary folder, removed on dispose. PostgreSQL refuses to run as root, so as root (CI) the server runs as the
/// `postgres` user that Debian's package creates.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";

    private readonly ChildProcess _process;
    private readonly string _bin;
    private readonly string _folder;

    private PostgresServer(ChildProcess process, string bin, string folder, int port)
    {
        _process = process;
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Output => _process.Output;

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = BinFolder();
        var folder = Directory.CreateTempSubdirectory("granary-pg-").FullName;
        try
        {
            if (Environment.IsPrivilegedProcess) await RunAsync("chown", [$"{Superuser}:", folder]);
            string data = Path.Combine(folder, "data"), sockets = Path.Combine(folder, "sockets");
            await RunAsync("mkdir", [sockets], asServer: true);
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], asServer: true);

            var port = FreePorts.Next();
            var (file, arguments) = AsServer(Path.Combine(bin, "postgres"), ["-D", data, "-p", $"{port}", "-c", "listen_addresses=127.0.0.1",
                "-c", $"unix_socket_directories={sockets}", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
            var server = new PostgresServer(new ChildProcess(file, arguments), bin, folder, port);
            await server.WaitUntilAcceptingAsync(TimeSpan.FromSeconds(30));
            return server;
        }
        catch
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Creates an empty database and returns the Npgsql connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await RunAsync(Path.Combine(_bin, "createdb"), ["-h", "127.0.0.1", "-p", $"{Port}", "-U", Superuser, name]);
        return ConnectionString(name);
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Database={database};Username={Superuser}";

    /// <summary>Runs one query with psql; returns its rows, one a line, columns separated by '|'.</summary>
    public async Task<string[]> QueryAsync(string database, string sql)
    {
        var output = await RunAsync(Path.Combine(_bin, "psql"), ["-h", "127.0.0.1", "-p", $"{Port}", "-U", Superuser, "-d", database,
            "-X", "-q", "-A", "-t", "-c", sql]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Starts psql on a query that keeps its session busy (a lock holder, say); disposing it kills psql.</summary>
    public ChildProcess StartQuery(string database, string sql) =>
        new(Path.Combine(_bin, "psql"), ["-h", "127.0.0.1", "-p", $"{Port}", "-U", Superuser, "-d", database, "-X", "-q", "-c", sql]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A fast shutdown, so no shared memory outlives the test; killing is the fallback.
            if (!_process.HasExited) await RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "-t", "20"], asServer: true);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // already gone, or stuck: the kill below ends it
        }
        await _process.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitUntilAcceptingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var probe = new ChildProcess(Path.Combine(_bin, "pg_isready"), ["-h", "127.0.0.1", "-p", $"{Port}", "-U", Superuser, "-q"]);
            if (await probe.WaitForExitAsync(TimeSpan.FromSeconds(10)) == 0) return;
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                await DisposeAsync();
                throw new InvalidOperationException($"postgres did not start on port {Port}:\n{_process.Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Debian keeps the server binaries off PATH, in /usr/lib/postgresql/VERSION/bin; elsewhere initdb is on PATH, maybe
    /// as a lone symbolic link, so the folder is the link target's (where pg_isready, createdb and psql sit too).
    /// </summary>
    private static string BinFolder()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => new FileInfo(Path.Combine(folder, "initdb"))).Where(initdb => initdb.Exists)
            .Select(initdb => Path.GetDirectoryName(initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName)).FirstOrDefault();
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var version) ? version : 0).FirstOrDefault()
            : null;
        return onPath ?? debian ?? throw new InvalidOperationException("PostgreSQL's initdb was not found (on PATH or in /usr/lib/postgresql/*/bin); ./test.sh installs it");
    }

    private static (string File, string[] Arguments) AsServer(string file, string[] arguments) =>
        Environment.IsPrivilegedProcess ? ("runuser", ["-u", Superuser, "--", file, .. arguments]) : (file, arguments);

    private static async Task<string> RunAsync(string file, string[] arguments, bool asServer = false)
    {
        (file, arguments) = asServer ? AsServer(file, arguments) : (file, arguments);
        await using var process = new ChildProcess(file, arguments);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return exitCode == 0 ? process.Output : throw new InvalidOperationException($"{process.Description} exited with {exitCode}:\n{process.Output}");
    }
}

using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace Granary.Server.Clustering;

/// <summary>
/// Orleans' PostgreSQL clustering schema (Clustering/Sql, embedded): checks that the membership database has it and,
/// when asked, creates it. Creation runs in one transaction under a transaction-scoped advisory lock, so silos that
/// start together serialize: the first creates everything, the others find the queries there and do nothing.
/// </summary>
internal sealed partial class PostgresClusteringSchema(string connectionString)
{
    // Any constant works as long as every silo uses the same one ("Granary" in ASCII, then 1; Sql/README.md gives it to operators).
    private const long LockKey = 0x4772616E61727901;

    private static readonly string MainScript = Resource("PostgreSQL-Main.sql");
    private static readonly string ClusteringScript = Resource("PostgreSQL-Clustering.sql");

    /// <summary>The stored queries Orleans requires at start-up, read from the script so the two cannot drift apart.</summary>
    public static IReadOnlyList<string> QueryKeys { get; } =
        QueryInsert().Matches(ClusteringScript).Select(m => m.Groups[1].Value).ToArray() is { Length: > 0 } keys
            ? keys
            : throw new InvalidOperationException("PostgreSQL-Clustering.sql inserts no OrleansQuery rows that Granary can recognise");

    /// <summary>Where the database is, without credentials, for messages.</summary>
    public string Target { get; } = Describe(connectionString);

    /// <summary>Fails with a <see cref="MembershipStoreException"/> unless the schema is (or, with <paramref name="create"/>, now is) complete.</summary>
    /// <returns>Whether this call created the schema.</returns>
    public async Task<bool> EnsureAsync(bool create, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            if (!create)
            {
                var state = await ReadStateAsync(connection, transaction: null, cancellationToken);
                if (state.Complete) return false;
                throw state.HasMembershipTable ? Partial(state) : new MembershipStoreException(
                    $"The membership database {Target} has no Orleans clustering schema ({state.Describe()}). " +
                    "Start the silos with --clustering-init, or apply src/Granary.Server/Clustering/Sql/PostgreSQL-Main.sql and PostgreSQL-Clustering.sql with psql.");
            }
            return await CreateAsync(connection, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new MembershipStoreException($"{(create ? "Creating" : "Checking")} Orleans' clustering schema in {Target} failed: {Reason(e)}", e);
        }
    }

    private async Task<bool> CreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var state = await ReadStateAsync(connection, transaction, cancellationToken);
        if (state.Complete) return false;
        // Tables from another (older) script: adding queries over them could mismatch, so an operator decides.
        if (state.HasMembershipTable) throw Partial(state);
        // OrleansQuery may already exist, made by another Orleans ADO.NET provider's scripts.
        string[] scripts = state.HasQueryTable ? [ClusteringScript] : [MainScript, ClusteringScript];
        foreach (var script in scripts)
        {
            await using var command = new NpgsqlCommand(script, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private MembershipStoreException Partial(ClusteringSchemaState state) => new(
        $"The membership database {Target} has Orleans' membership tables but {state.Describe()}: an older or partial schema. " +
        "Compare it with src/Granary.Server/Clustering/Sql/PostgreSQL-Clustering.sql and fix it by hand.");

    private static async Task<ClusteringSchemaState> ReadStateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        bool hasQueries, hasMembership;
        // to_regclass resolves names through search_path, as Orleans' unqualified queries do.
        await using (var command = new NpgsqlCommand("SELECT to_regclass('orleansquery') IS NOT NULL, to_regclass('orleansmembershiptable') IS NOT NULL", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (hasQueries, hasMembership) = (reader.GetBoolean(0), reader.GetBoolean(1));
        }
        if (!hasQueries) return new ClusteringSchemaState(false, hasMembership, QueryKeys);

        var present = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery WHERE QueryKey = ANY(@keys)", connection, transaction))
        {
            command.Parameters.AddWithValue("keys", QueryKeys.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) present.Add(reader.GetString(0));
        }
        return new ClusteringSchemaState(true, hasMembership, QueryKeys.Where(k => !present.Contains(k)).ToArray());
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new MembershipStoreException($"--clustering-connection is not an Npgsql connection string: {e.Message}", e);
        }
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException)
        {
            await connection.DisposeAsync();
            throw new MembershipStoreException($"Cannot reach the membership database {Target}: {Reason(e)}", e);
        }
    }

    private static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"'{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }

    /// <summary>The useful part of a driver error: Postgres's own text, or the socket/timeout cause under Npgsql's wrapper.</summary>
    private static string Reason(Exception e) => e switch
    {
        PostgresException pg => $"{pg.MessageText} ({pg.SqlState})",
        { InnerException: { } inner } when inner is SocketException or TimeoutException or IOException => $"{e.Message}: {inner.Message}",
        _ => e.Message,
    };

    private static string Resource(string file)
    {
        using var stream = typeof(PostgresClusteringSchema).Assembly.GetManifestResourceStream($"Granary.Server.Clustering.Sql.{file}")
            ?? throw new InvalidOperationException($"{file} is not embedded in {typeof(PostgresClusteringSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"INSERT INTO OrleansQuery\(QueryKey, QueryText\)\s*VALUES\s*\(\s*'(\w+)'")]
    private static partial Regex QueryInsert();
}

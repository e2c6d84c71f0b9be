using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Granary.Server.CommandLine;

/// <summary>
/// Builds <see cref="ServerOptions"/> from, lowest first: the types' defaults, the JSON file given by --config (or
/// GRANARY_CONFIG), each flag's GRANARY_* variable, and the flags themselves. Any value that does not convert, and any
/// key in the file that names no setting, stops the server with a message naming the flag.
/// </summary>
internal static class ServerConfiguration
{
    public const string ConfigFileVariable = "GRANARY_CONFIG";

    public static ServerOptions Bind(IReadOnlyDictionary<string, string?> flagValues, string? configFile, IDictionary environment)
    {
        var builder = new ConfigurationBuilder();
        if ((configFile ?? environment[ConfigFileVariable] as string) is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new FormatException($"{Flags.ConfigFile}: no such file '{file}'");
            builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }
        builder.AddInMemoryCollection(FromEnvironment(environment));
        builder.AddInMemoryCollection(flagValues);
        var options = Read(builder.Build());
        Validate(options);
        return options;
    }

    private static Dictionary<string, string?> FromEnvironment(IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var flag in Flags.All)
        {
            if (environment[flag.EnvironmentVariable] is not string { Length: > 0 } text) continue;
            // Only a repeated flag's variable is a list: other values (connection strings) may hold commas.
            string[] words = flag.Kind == FlagKind.Repeated ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [text];
            foreach (var (key, value) in Values(flag, words, fromEnvironment: true))
                values[key] = value;
        }
        return values;
    }

    /// <summary>The configuration entries one flag's words (or its variable's value) stand for.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Values(Flag flag, IReadOnlyList<string> words, bool fromEnvironment = false)
    {
        string Converted(string word)
        {
            try
            {
                return flag.Convert is { } convert ? convert(word) : word;
            }
            catch (FormatException error)
            {
                throw new FormatException($"{(fromEnvironment ? flag.EnvironmentVariable : flag.Name)}: {error.Message}");
            }
        }

        switch (flag.Kind)
        {
            case FlagKind.Repeated:
                for (var i = 0; i < words.Count; i++) yield return new($"{flag.Key}:{i}", Converted(words[i]));
                break;
            case FlagKind.Switch or FlagKind.NegatedSwitch when fromEnvironment:
                // A variable names the flag, so its truth is the flag's: GRANARY_NO_PREFIX_CACHING=1 turns caching off.
                var set = words is [var only] && only is "1" or "true" or "True" or "TRUE";
                yield return new(flag.Key, (set == (flag.Kind == FlagKind.Switch)) ? "true" : "false");
                break;
            case FlagKind.Switch:
                yield return new(flag.Key, "true");
                break;
            case FlagKind.NegatedSwitch:
                yield return new(flag.Key, "false");
                break;
            default:
                yield return new(flag.Key, Converted(words[^1]));
                break;
        }
    }

    private static ServerOptions Read(IConfiguration configuration)
    {
        try
        {
            return configuration.Get<ServerOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? new ServerOptions();
        }
        catch (InvalidOperationException error) when (error.InnerException is not null && ConversionFailure(error.Message) is { } key)
        {
            throw new FormatException($"{Flags.NameOf(key)}: '{configuration[key]}' is not a valid value");
        }
        catch (InvalidOperationException error)
        {
            // The binder names the unknown keys and the type they were bound to: a typo in the config file.
            throw new FormatException($"{Flags.ConfigFile}: {error.Message}");
        }
    }

    // "Failed to convert configuration value at 'Engine:BlockSize' to type 'System.Int32'."
    private static string? ConversionFailure(string message)
    {
        const string marker = " at '";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0) return null;
        start += marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    private static void Validate(ServerOptions options)
    {
        if (!Enum.IsDefined(options.Role)) throw new FormatException($"--role: '{options.Role}' is not a role");
        if (options.LogFormat is { } format && !Enum.IsDefined(format)) throw new FormatException($"--log-format: '{format}' is not text or json");
        if (!Enum.IsDefined(options.Routing)) throw new FormatException($"--routing: '{options.Routing}' is not a routing policy");
        if (!Enum.IsDefined(options.Cluster.Kind)) throw new FormatException($"--clustering: '{options.Cluster.Kind}' is not a membership store");
        AtLeastOne(options.Worker.ReplicasPerModel, "Worker:ReplicasPerModel");
        AtLeastOne(options.Worker.MaxReplicasPerModel, "Worker:MaxReplicasPerModel");
        AtLeastOne(options.Engine.MaxNumSequences, "Engine:MaxNumSequences");
        AtLeastOne(options.Engine.BlockSize, "Engine:BlockSize");
        if (options.Engine.Threads is { } threads) AtLeastOne(threads, "Engine:Threads");
        if (options.Engine.MaxNumBatchedTokens is { } batched) AtLeastOne(batched, "Engine:MaxNumBatchedTokens");
        if (options.Engine.MaxModelLength is { } length) AtLeastOne(length, "Engine:MaxModelLength");
        if (options.Engine.MemoryFraction is <= 0 or > 1)
            throw new FormatException($"--memory-fraction must be above 0 and at most 1, not {options.Engine.MemoryFraction.ToString(CultureInfo.InvariantCulture)}");
        if (options.Worker.DrainTimeout < TimeSpan.Zero) throw new FormatException("--drain-timeout must not be negative");
        foreach (var model in options.Models) ModelSpec.Parse(model);
        // The schema granary ships is Orleans' PostgreSQL one; Orleans matches invariants case-sensitively.
        if (options.Cluster.CreateSchema && (options.Cluster.Kind != ClusteringKind.AdoNet || options.Cluster.AdoNetInvariant != "Npgsql"))
            throw new FormatException("--clustering-init creates Orleans' PostgreSQL schema: it needs --clustering adonet with --adonet-invariant Npgsql");
        if (options.Cluster.Kind != ClusteringKind.Localhost && string.IsNullOrEmpty(options.Cluster.Connection))
            throw new FormatException($"--clustering {options.Cluster.Kind.ToString().ToLowerInvariant()} needs --clustering-connection (or GRANARY_CLUSTERING_CONNECTION)");
    }

    private static void AtLeastOne(int value, string key)
    {
        if (value < 1) throw new FormatException($"{Flags.NameOf(key)} must be at least 1");
    }
}

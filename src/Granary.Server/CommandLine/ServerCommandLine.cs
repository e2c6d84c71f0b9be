using System.CommandLine;

namespace Granary.Server.CommandLine;

/// <summary>The granary command line, made from <see cref="Flags"/>; each flag also reads its GRANARY_* variable.</summary>
internal static class ServerCommandLine
{
    public static RootCommand Build(Func<ServerOptions, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand("Granary: an OpenAI/NIM-compatible LLM inference cluster on Orleans and TorchSharp");
        var configFile = new Option<string?>(Flags.ConfigFile)
        {
            Description = $"JSON file of settings by section (e.g. {{\"Engine\":{{\"BlockSize\":32}}}}); variables and flags override it. Also {ServerConfiguration.ConfigFileVariable}.",
        };
        root.Options.Add(configFile);
        var options = Flags.All.Select(flag => (Flag: flag, Option: Create(flag))).ToArray();
        foreach (var (_, option) in options) root.Options.Add(option);

        root.SetAction(async (result, cancellationToken) =>
        {
            ServerOptions settings;
            try
            {
                var given = options.SelectMany(o => Given(result, o.Flag, o.Option)).ToDictionary(StringComparer.OrdinalIgnoreCase);
                settings = ServerConfiguration.Bind(given, result.GetValue(configFile), Environment.GetEnvironmentVariables());
            }
            catch (FormatException error)
            {
                // A bad value: say which, as System.CommandLine says a bad flag, without a stack trace.
                await Console.Error.WriteLineAsync($"granary: {error.Message}");
                return 1;
            }
            return await run(settings, cancellationToken);
        });
        return root;
    }

    private static Option Create(Flag flag)
    {
        var description = $"{flag.Description} [{flag.EnvironmentVariable}]";
        if (FlagDefaults.Describe(flag.Key) is { } shown) description += $" [default: {shown}]";
        return flag.Kind switch
        {
            FlagKind.Repeated => new Option<string[]>(flag.Name) { Description = description, AllowMultipleArgumentsPerToken = false },
            FlagKind.Switch or FlagKind.NegatedSwitch => new Option<bool>(flag.Name) { Description = description },
            _ => new Option<string>(flag.Name) { Description = description },
        };
    }

    private static IEnumerable<KeyValuePair<string, string?>> Given(ParseResult result, Flag flag, Option option)
    {
        if (result.GetResult(option) is null) return [];
        return option switch
        {
            Option<string[]> many => ServerConfiguration.Values(flag, result.GetValue(many) ?? []),
            // "--kubernetes false" is allowed by the parser: it un-sets the switch.
            Option<bool> toggle => [new(flag.Key, (result.GetValue(toggle) == (flag.Kind == FlagKind.Switch)) ? "true" : "false")],
            Option<string> one => ServerConfiguration.Values(flag, [result.GetValue(one)!]),
            _ => [],
        };
    }
}

using System.Globalization;
using Granary.Server.CommandLine;

namespace Granary.Server.Tests.CommandLine;

[Collection(nameof(ConsoleErrorCollection))]
public sealed class ServerCommandLineTests
{
    public static TheoryData<string> FlagNames() => new(Flags.All.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(FlagNames))]
    public async Task Every_flag_sets_the_setting_it_names(string name)
    {
        var flag = Flags.All.Single(f => f.Name == name);
        var defaults = new ServerOptions();
        var (type, before) = Setting(defaults, flag.Key);
        var (words, expected) = SampleFor(flag, type, before);

        var options = await CommandLineRun.BindAsync([flag.Name, .. words, .. Needed(flag)]);

        Assert.Equal(expected, Setting(options, flag.Key).Value);
    }

    [Fact]
    public async Task Engine_settings_reach_every_served_model()
    {
        var options = await CommandLineRun.BindAsync("--model", "a=/m/a", "--model", "/m/b", "--block-size", "32", "--memory-fraction", "0.5",
            "--tool-call-parser", "hermes", "--no-prefix-caching");

        var engines = options.Engines().ToArray();
        Assert.Equal(["a", "b"], engines.Select(e => e.Name));
        Assert.All(engines, e =>
        {
            Assert.Equal(32, e.BlockSize);
            Assert.Equal(0.5, e.MemoryFraction);
            Assert.Equal("hermes", e.ToolCallFormat);
            Assert.False(e.EnablePrefixCaching);
        });
    }

    [Fact]
    public async Task Defaults_are_the_options_types_own()
    {
        var options = await CommandLineRun.BindAsync();

        Assert.Equal(8000, options.Http.Port);
        Assert.Equal(16, options.Engine.BlockSize);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Worker.DrainTimeout);
        Assert.Equal("tiny-llama3", Assert.Single(options.ModelSpecs()).Name);
        Assert.True(options.Engine.EnablePrefixCaching);
    }

    [Theory]
    [InlineData("--block-size", "abc", "--block-size: 'abc' is not a valid value")]
    [InlineData("--port", "80x", "--port: 'abc' is not a valid value")]
    [InlineData("--kv-cache-memory", "lots", "--kv-cache-memory: 'lots' is not a size")]
    [InlineData("--drain-timeout", "-1", "--drain-timeout: '-1' is not a number of seconds")]
    [InlineData("--replicas", "0", "--replicas must be at least 1")]
    [InlineData("--memory-fraction", "1.5", "--memory-fraction must be above 0 and at most 1")]
    [InlineData("--role", "boss", "--role: 'boss' is not a valid value")]
    public async Task A_bad_value_stops_with_one_line_naming_the_flag(string flag, string value, string message)
    {
        var (_, code, error) = await CommandLineRun.RunAsync(flag, value);

        Assert.Equal(1, code);
        Assert.StartsWith("granary: " + message.Replace("'abc'", $"'{value}'", StringComparison.Ordinal), error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Help_shows_each_flags_variable_and_its_types_default()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            await ServerCommandLine.Build((_, _) => Task.FromResult(0)).Parse(["--help"]).InvokeAsync();
        }
        finally
        {
            Console.SetOut(original);
        }

        var help = output.ToString();
        Assert.Contains("[GRANARY_BLOCK_SIZE] [default: 16]", help, StringComparison.Ordinal);
        Assert.Contains("[GRANARY_API_KEYS]", help, StringComparison.Ordinal);
        Assert.Contains("--tool-call-parser", help, StringComparison.Ordinal);
    }

    // A store other than localhost needs a connection, and the schema flag needs PostgreSQL.
    private static string[] Needed(Flag flag) => flag.Key switch
    {
        "Cluster:Kind" => ["--clustering-connection", "x"],
        "Cluster:CreateSchema" => ["--clustering", "adonet", "--clustering-connection", "x"],
        _ => [],
    };

    private static (string[] Words, object? Expected) SampleFor(Flag flag, Type type, object? before) => flag.Kind switch
    {
        FlagKind.Repeated => (["a=/x", "--" + flag.Name.TrimStart('-'), "b=/y"], new List<string> { "a=/x", "b=/y" }),
        FlagKind.Switch => ([], true),
        FlagKind.NegatedSwitch => ([], false),
        _ when flag.Name == "--kv-cache-memory" => (["2GiB"], (long?)(2L << 30)),
        _ when type == typeof(TimeSpan) => (["7"], TimeSpan.FromSeconds(7)),
        _ when (Nullable.GetUnderlyingType(type) ?? type) == typeof(int) => (["7"], 7),
        _ when type == typeof(double) => (["0.5"], 0.5),
        _ when (Nullable.GetUnderlyingType(type) ?? type).IsEnum => Other(Nullable.GetUnderlyingType(type) ?? type, before),
        _ => (["10.1.2.3"], "10.1.2.3"),
    };

    private static (string[], object?) Other(Type type, object? before)
    {
        var other = Enum.GetValues(type).Cast<object>().First(v => !v.Equals(before));
        return ([other.ToString()!.ToLowerInvariant()], other);
    }

    private static (Type Type, object? Value) Setting(ServerOptions options, string key)
    {
        object? value = options;
        Type type = typeof(ServerOptions);
        foreach (var part in key.Split(':'))
        {
            var property = type.GetProperty(part) ?? throw new InvalidOperationException($"{key}: no property {part} on {type.Name}");
            type = property.PropertyType;
            value = property.GetValue(value);
        }
        return (type, value is List<string> list ? list.ToList() : value);
    }
}

using System.Collections;
using Granary.Server.CommandLine;

namespace Granary.Server.Tests.CommandLine;

public sealed class ServerConfigurationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"granary-{Guid.NewGuid():N}.json");

    [Fact]
    public void Flags_override_variables_which_override_the_file()
    {
        File.WriteAllText(_file, """{"Engine":{"BlockSize":8,"MaxNumSequences":4,"Threads":2},"Http":{"Port":9000}}""");
        var environment = new Hashtable { ["GRANARY_BLOCK_SIZE"] = "32", ["GRANARY_MAX_NUM_SEQS"] = "5" };

        var options = ServerConfiguration.Bind(Given("--block-size", "64"), _file, environment);

        Assert.Equal(64, options.Engine.BlockSize);
        Assert.Equal(5, options.Engine.MaxNumSequences);
        Assert.Equal(2, options.Engine.Threads);
        Assert.Equal(9000, options.Http.Port);
    }

    [Fact]
    public void The_file_can_come_from_GRANARY_CONFIG()
    {
        File.WriteAllText(_file, """{"Worker":{"ReplicasPerModel":3},"Models":["m=/models/m"]}""");

        var options = ServerConfiguration.Bind(Given(), null, new Hashtable { ["GRANARY_CONFIG"] = _file });

        Assert.Equal(3, options.Worker.ReplicasPerModel);
        Assert.Equal(new ModelSpec("m", "/models/m"), Assert.Single(options.ModelSpecs()));
    }

    [Fact]
    public void Variables_are_named_after_their_flags_and_only_lists_split_on_commas()
    {
        var environment = new Hashtable
        {
            ["GRANARY_API_KEYS"] = "k1, k2",
            ["GRANARY_CLUSTERING"] = "redis",
            ["GRANARY_CLUSTERING_CONNECTION"] = "localhost:6379,password=a,b",
            ["GRANARY_NO_PREFIX_CACHING"] = "1",
            ["GRANARY_KV_CACHE_MEMORY"] = "1MiB",
            ["GRANARY_DRAIN_TIMEOUT"] = "2.5",
        };

        var options = ServerConfiguration.Bind(Given(), null, environment);

        Assert.Equal(["k1", "k2"], options.ApiKeys.Keys);
        Assert.Equal("localhost:6379,password=a,b", options.Cluster.Connection);
        Assert.False(options.Engine.EnablePrefixCaching);
        Assert.Equal(1L << 20, options.Engine.KvCacheBytes);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Worker.DrainTimeout);
    }

    [Fact]
    public void A_misspelt_setting_in_the_file_is_refused()
    {
        File.WriteAllText(_file, """{"Engine":{"BlokSize":8}}""");

        var error = Assert.Throws<FormatException>(() => ServerConfiguration.Bind(Given(), _file, new Hashtable()));

        Assert.Contains("BlokSize", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("--config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_from_a_variable_names_the_variable()
    {
        var error = Assert.Throws<FormatException>(() => ServerConfiguration.Bind(Given(), null, new Hashtable { ["GRANARY_KV_CACHE_MEMORY"] = "lots" }));

        Assert.StartsWith("GRANARY_KV_CACHE_MEMORY:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_is_named()
    {
        var error = Assert.Throws<FormatException>(() => ServerConfiguration.Bind(Given(), "/nonexistent/granary.json", new Hashtable()));

        Assert.Contains("/nonexistent/granary.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_without_a_connection_is_refused_before_start()
    {
        var error = Assert.Throws<FormatException>(() => ServerConfiguration.Bind(Given("--clustering", "redis"), null, new Hashtable()));

        Assert.Contains("needs --clustering-connection", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Given(params string[] words)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < words.Length; i += 2)
        {
            var flag = Flags.All.Single(f => f.Name == words[i]);
            foreach (var (key, value) in ServerConfiguration.Values(flag, [words[i + 1]])) values[key] = value;
        }
        return values;
    }

    public void Dispose() => File.Delete(_file);
}

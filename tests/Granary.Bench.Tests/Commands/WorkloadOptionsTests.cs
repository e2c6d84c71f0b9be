using System.CommandLine;
using Granary.Bench.Commands;
using Granary.Bench.Workload;

namespace Granary.Bench.Tests.Commands;

public sealed class WorkloadOptionsTests
{
    private static WorkloadSpec Read(string args)
    {
        var options = new WorkloadOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var result = command.Parse(args);
        Assert.Empty(result.Errors);
        return options.Read(result);
    }

    [Fact]
    public void A_concurrency_list_is_a_sweep_of_closed_loop_runs()
    {
        var spec = Read("--concurrency 1,4,16 --input-len 32 --output-len 8 --num-prompts 5 --seed 7 --warmup 0");
        Assert.Equal([LoadPoint.Concurrency(1), LoadPoint.Concurrency(4), LoadPoint.Concurrency(16)], spec.LoadPoints);
        Assert.Equal((32, 8, 5, 7L, 0), (spec.InputTokens, spec.OutputTokens, spec.NumPrompts, spec.Seed, spec.Warmup));
    }

    [Fact]
    public void Rates_take_inf_and_an_optional_cap()
    {
        var spec = Read("--request-rate 0.5,inf --max-concurrency 8");
        Assert.Equal([new LoadPoint(0.5, 8), new LoadPoint(double.PositiveInfinity, 8)], spec.LoadPoints);
    }

    [Fact]
    public void Defaults_send_everything_at_once_and_warm_up_one_request_per_stream()
    {
        var spec = Read("");
        var load = Assert.Single(spec.LoadPoints);
        Assert.False(load.IsOpenLoop);
        Assert.Null(load.MaxConcurrency);
        Assert.Equal([99.0], spec.Percentiles);
        Assert.Equal(1, spec.WarmupFor(load));
        Assert.Equal(16, spec.WarmupFor(LoadPoint.Concurrency(16)));
        Assert.Equal([50.0, 99.0, 99.9], Read("--percentiles 99.9,50,99,99").Percentiles);
    }

    [Theory]
    [InlineData("--concurrency 4 --request-rate 2")]
    [InlineData("--concurrency 4 --max-concurrency 2")]
    [InlineData("--concurrency 0")]
    [InlineData("--concurrency 1,x")]
    [InlineData("--request-rate -1")]
    [InlineData("--request-rate 0")]
    [InlineData("--input-len 0")]
    [InlineData("--percentiles 101")]
    [InlineData("--warmup -1")]
    public void Contradictory_or_invalid_options_are_refused(string args)
    {
        Assert.Throws<BenchException>(() => Read(args));
    }

    [Theory]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("1.5GB", 1_500_000_000L)]
    [InlineData("4096", 4096L)]
    public void Sizes_parse_like_the_servers(string text, long bytes)
    {
        Assert.Equal(bytes, ByteSizeParser.Parse(text, "--kv-cache-memory"));
    }

    [Fact]
    public void A_size_without_a_number_is_refused()
    {
        Assert.Throws<BenchException>(() => ByteSizeParser.Parse("GiB", "--kv-cache-memory"));
    }
}

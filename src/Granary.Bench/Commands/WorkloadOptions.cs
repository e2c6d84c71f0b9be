using System.CommandLine;
using Granary.Bench.Workload;

namespace Granary.Bench.Commands;

/// <summary>The workload and report options serve and engine modes share, so that both send the same requests.</summary>
internal sealed class WorkloadOptions
{
    private readonly Option<int> _numPrompts = new("--num-prompts") { Description = "Measured requests per run", DefaultValueFactory = _ => 100 };
    private readonly Option<string?> _concurrency = new("--concurrency") { Description = "Requests kept in flight (closed loop); a comma list sweeps, one run per value: 1,4,16" };
    private readonly Option<string?> _requestRate = new("--request-rate") { Description = "Poisson arrivals per second, 'inf' = all at once (the default); a comma list sweeps" };
    private readonly Option<int?> _maxConcurrency = new("--max-concurrency") { Description = "With --request-rate: cap on requests in flight" };
    private readonly Option<int> _inputLen = new("--input-len") { Description = "Prompt tokens per request (random token ids)", DefaultValueFactory = _ => 128 };
    private readonly Option<int> _outputLen = new("--output-len") { Description = "Generated tokens per request (max_tokens with ignore_eos, greedy)", DefaultValueFactory = _ => 128 };
    private readonly Option<int> _sharedPrefixLen = new("--shared-prefix-len") { Description = "Leading prompt tokens shared by the requests of a prefix group (part of --input-len); 0: none", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _prefixGroups = new("--prefix-groups") { Description = "Distinct shared prefixes, request i using prefix i mod N (conversations with their own system prompts)", DefaultValueFactory = _ => 1 };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed of prompts and arrival times", DefaultValueFactory = _ => 0 };
    private readonly Option<int?> _warmup = new("--warmup") { Description = "Uncounted requests before each run (default: one per concurrent stream)" };
    private readonly Option<int?> _vocabSize = new("--vocab-size") { Description = "Draw prompt token ids from [0, N) (default: the model's config.json vocab_size if readable here, else 256)" };
    private readonly Option<string> _percentiles = new("--percentiles") { Description = "Percentiles to report besides the median", DefaultValueFactory = _ => "99" };
    private readonly Option<double> _requestTimeout = new("--request-timeout") { Description = "Seconds a request may take before it counts as failed", DefaultValueFactory = _ => 600 };
    private readonly Option<string?> _resultJson = new("--result-json") { Description = "Write every metric of every run, with the configuration, to this JSON file" };
    private readonly Option<string?> _plot = new("--plot") { Description = "Draw throughput, TTFT and TPOT against the swept load into this PNG" };
    private readonly Option<bool> _detailed = new("--detailed") { Description = "Also write every request's start time, TTFT, inter-token gaps and latency to the JSON" };
    private readonly Option<string?> _label = new("--label") { Description = "A name for this benchmark in the report, JSON and plot" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
        {
            _numPrompts, _concurrency, _requestRate, _maxConcurrency, _inputLen, _outputLen, _sharedPrefixLen, _prefixGroups, _seed, _warmup, _vocabSize,
            _percentiles, _requestTimeout, _resultJson, _detailed, _plot, _label,
        })
        {
            command.Options.Add(option);
        }
    }

    public int? VocabSize(ParseResult result) => result.GetValue(_vocabSize) is { } size
        ? size > 0 ? size : throw new BenchException("--vocab-size must be at least 1")
        : null;

    public ReportTargets Targets(ParseResult result) => new(result.GetValue(_resultJson), result.GetValue(_plot), result.GetValue(_label), result.GetValue(_detailed));

    public WorkloadSpec Read(ParseResult result)
    {
        var concurrency = result.GetValue(_concurrency);
        var rates = result.GetValue(_requestRate);
        var cap = result.GetValue(_maxConcurrency);
        if (concurrency is not null && rates is not null)
            throw new BenchException("--concurrency and --request-rate exclude each other: a concurrency run is rate inf with a cap (--request-rate R --max-concurrency C combines them)");
        if (concurrency is not null && cap is not null)
            throw new BenchException("--max-concurrency goes with --request-rate; --concurrency already caps the requests in flight");
        if (cap is < 1) throw new BenchException("--max-concurrency must be at least 1");

        LoadPoint[] loads = concurrency is not null
            ? ListParser.PositiveIntegers(concurrency, "--concurrency").Select(LoadPoint.Concurrency).ToArray()
            : ListParser.Rates(rates ?? "inf", "--request-rate").Select(rate => new LoadPoint(rate, cap)).ToArray();

        var input = AtLeast(result.GetValue(_inputLen), 1, "--input-len");
        var prefix = AtLeast(result.GetValue(_sharedPrefixLen), 0, "--shared-prefix-len");
        if (prefix >= input) throw new BenchException("--shared-prefix-len must be shorter than --input-len");
        var timeout = result.GetValue(_requestTimeout);
        if (!(timeout > 0)) throw new BenchException("--request-timeout must be positive");
        return new WorkloadSpec
        {
            NumPrompts = AtLeast(result.GetValue(_numPrompts), 1, "--num-prompts"),
            InputTokens = input,
            PrefixTokens = prefix,
            PrefixGroups = AtLeast(result.GetValue(_prefixGroups), 1, "--prefix-groups"),
            OutputTokens = AtLeast(result.GetValue(_outputLen), 1, "--output-len"),
            Seed = result.GetValue(_seed),
            Warmup = result.GetValue(_warmup) is { } warmup ? AtLeast(warmup, 0, "--warmup") : null,
            LoadPoints = loads,
            Percentiles = ListParser.Percentiles(result.GetValue(_percentiles)!, "--percentiles"),
            RequestTimeout = TimeSpan.FromSeconds(timeout),
        };
    }

    private static int AtLeast(int value, int minimum, string option) =>
        value >= minimum ? value : throw new BenchException($"{option} must be at least {minimum}");
}

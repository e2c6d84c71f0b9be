using System.CommandLine;

namespace Granary.Bench.Commands;

/// <summary>The granary-bench command line: serve, engine and make-model.</summary>
internal static class BenchCommandLine
{
    public static RootCommand Build() => new("granary-bench: serving benchmarks for Granary, with vLLM's metric definitions (TTFT, TPOT, ITL, E2E latency, throughput)")
    {
        ServeCommand.Build(),
        EngineCommand.Build(),
        MakeModelCommand.Build(),
    };
}

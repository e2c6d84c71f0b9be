using System.Globalization;
using Granary.Bench.Metrics;
using Granary.Bench.Workload;

namespace Granary.Bench.Reporting;

/// <summary>The human report: a block per run in vLLM's layout, and a one-line-per-run table for a sweep.</summary>
internal static class ConsoleReport
{
    private const int Width = 50;

    public static void WriteRun(TextWriter output, RunResult run)
    {
        var m = run.Metrics;
        output.WriteLine(Heading(" Serving Benchmark Result ", '='));
        Line(output, "Load:", run.Load.Describe());
        Line(output, "Successful requests:", m.Completed.ToString(CultureInfo.InvariantCulture));
        Line(output, "Failed requests:", m.Failed.ToString(CultureInfo.InvariantCulture));
        Line(output, "Benchmark duration (s):", Number(m.DurationSeconds));
        Line(output, "Total input tokens:", m.TotalInputTokens.ToString(CultureInfo.InvariantCulture));
        Line(output, "Total generated tokens:", m.TotalOutputTokens.ToString(CultureInfo.InvariantCulture));
        Line(output, "Input tokens from the prefix cache:", m.TotalCachedInputTokens.ToString(CultureInfo.InvariantCulture));
        Line(output, "Request throughput (req/s):", Number(m.RequestThroughput));
        Line(output, "Output token throughput (tok/s):", Number(m.OutputThroughput));
        Line(output, "Total token throughput (tok/s):", Number(m.TotalTokenThroughput));
        Line(output, "Peak concurrent requests:", m.MaxConcurrentRequests.ToString(CultureInfo.InvariantCulture));
        if (run.LoadAverageBefore is { } load)
            Line(output, "Machine load before (1 min avg, cores):", $"{Number(load)} / {Environment.ProcessorCount}");
        Section(output, "Time to First Token", "TTFT", m.Ttft);
        Section(output, "Time per Output Token (excl. 1st token)", "TPOT", m.Tpot);
        Section(output, "Inter-token Latency", "ITL", m.Itl);
        Section(output, "End-to-end Latency", "E2EL", m.E2el);
        output.WriteLine(new string('=', Width));
        if (m.TotalCachedInputTokens > 0)
            output.WriteLine("note: the prefix cache served some prompt tokens (the server saw these prompts before: same --seed as an earlier run?); use another --seed for cold prompts");
        if (run.OffLengthOutputs > 0)
            output.WriteLine($"note: {run.OffLengthOutputs} completed requests generated another number of tokens than asked (context window?)");
        foreach (var error in m.Errors.Take(5))
            output.WriteLine($"error ×{error.Count}: {error.Message}");
        output.WriteLine();
    }

    /// <summary>One row per run, medians and the highest requested percentile.</summary>
    public static void WriteSweep(TextWriter output, IReadOnlyList<RunResult> runs)
    {
        var tail = runs.SelectMany(r => r.Metrics.Ttft?.Percentiles ?? []).Select(p => p.Percent).DefaultIfEmpty(99).Max();
        var tailName = new PercentileValue(tail, 0).Name;
        string[] header = ["load", "ok", "fail", "req/s", "out tok/s", "total tok/s", "TTFT p50", $"TTFT {tailName}", "TPOT p50", $"TPOT {tailName}", "ITL p50", "E2EL p50"];
        var rows = runs.Select(r => new[]
        {
            r.Load.Describe(), Count(r.Metrics.Completed), Count(r.Metrics.Failed), Number(r.Metrics.RequestThroughput),
            Number(r.Metrics.OutputThroughput), Number(r.Metrics.TotalTokenThroughput),
            Number(r.Metrics.Ttft?.Median), Number(r.Metrics.Ttft?.At(tail)), Number(r.Metrics.Tpot?.Median), Number(r.Metrics.Tpot?.At(tail)),
            Number(r.Metrics.Itl?.Median), Number(r.Metrics.E2el?.Median),
        }).ToArray();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        output.WriteLine("Sweep summary (latencies in ms)");
        output.WriteLine(Row(header, widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows) output.WriteLine(Row(row, widths));
        output.WriteLine();
    }

    private static void Section(TextWriter output, string title, string name, Distribution? d)
    {
        output.WriteLine(Heading(title, '-'));
        Line(output, $"Mean {name} (ms):", Number(d?.Mean));
        Line(output, $"Median {name} (ms):", Number(d?.Median));
        Line(output, $"Std {name} (ms):", Number(d?.Std));
        foreach (var p in d?.Percentiles ?? [])
            Line(output, $"{p.Name.ToUpperInvariant()} {name} (ms):", Number(p.Value));
    }

    private static string Row(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));

    private static string Heading(string title, char fill)
    {
        var left = (Width - title.Length) / 2;
        return new string(fill, Math.Max(left, 0)) + title + new string(fill, Math.Max(Width - left - title.Length, 0));
    }

    private static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label,-40} {value}");

    private static string Number(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}

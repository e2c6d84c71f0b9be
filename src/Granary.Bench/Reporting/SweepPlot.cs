using System.Globalization;
using Granary.Bench.Workload;
using SkiaSharp;

namespace Granary.Bench.Reporting;

/// <summary>
/// The --plot PNG: three panels over the swept load (concurrency, or request rate): output token
/// throughput, TTFT (median and the highest requested percentile) and TPOT (likewise).
/// </summary>
internal static class SweepPlot
{
    private const int PanelWidth = 520, Height = 470, TitleHeight = 44;
    private static readonly SKColor Throughput = new(31, 119, 180), Ttft = new(214, 39, 40), Tpot = new(44, 160, 44);

    public static void Write(string path, string title, IReadOnlyList<RunResult> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("Nothing to plot.", nameof(runs));
        var (xTitle, xLabels) = Axis(runs);
        var tail = runs.SelectMany(r => r.Metrics.Ttft?.Percentiles ?? []).Select(p => p.Percent).Where(p => p != 50).DefaultIfEmpty(double.NaN).Max();
        var tailName = double.IsNaN(tail) ? null : $"p{tail.ToString("0.###", CultureInfo.InvariantCulture)}";

        ChartPanel[] panels =
        [
            new("Output token throughput", xTitle, "tokens / s", xLabels,
                [new ChartSeries("output tok/s", runs.Select(r => (double?)r.Metrics.OutputThroughput).ToArray(), Throughput)]),
            new("Time to first token", xTitle, "ms", xLabels,
                Lines("TTFT", runs.Select(r => r.Metrics.Ttft).ToArray(), tail, tailName, Ttft)),
            new("Time per output token", xTitle, "ms", xLabels,
                Lines("TPOT", runs.Select(r => r.Metrics.Tpot).ToArray(), tail, tailName, Tpot)),
        ];

        var info = new SKImageInfo(PanelWidth * panels.Length, Height + TitleHeight);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("SkiaSharp could not create a drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        using (var heading = new SKPaint { Typeface = typeface, TextSize = 18, IsAntialias = true, Color = SKColors.Black })
            canvas.DrawText(title, info.Width / 2f - heading.MeasureText(title) / 2, 28, heading);
        for (var i = 0; i < panels.Length; i++)
            panels[i].Draw(canvas, new SKRect(i * PanelWidth, TitleHeight, (i + 1) * PanelWidth, TitleHeight + Height), typeface);

        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    private static ChartSeries[] Lines(string name, Metrics.Distribution?[] values, double tail, string? tailName, SKColor color)
    {
        var median = new ChartSeries($"median {name}", values.Select(d => d?.Median).ToArray(), color);
        if (tailName is null) return [median];
        var faded = color.WithAlpha(150);
        return [median, new ChartSeries($"{tailName} {name}", values.Select(d => d?.At(tail)).ToArray(), faded, Dashed: true)];
    }

    /// <summary>The swept variable: concurrency when every run is closed-loop with a cap, else the request rate.</summary>
    private static (string Title, string[] Labels) Axis(IReadOnlyList<RunResult> runs)
    {
        if (runs.All(r => !r.Load.IsOpenLoop && r.Load.MaxConcurrency is not null))
            return ("concurrent requests", runs.Select(r => r.Load.MaxConcurrency!.Value.ToString(CultureInfo.InvariantCulture)).ToArray());
        return ("request rate (req/s)", runs.Select(r => r.Load.IsOpenLoop ? r.Load.RequestRate.ToString("0.###", CultureInfo.InvariantCulture) : "inf").ToArray());
    }
}

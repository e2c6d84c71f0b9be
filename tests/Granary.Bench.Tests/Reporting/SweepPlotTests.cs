using Granary.Bench.Reporting;
using Granary.Bench.Tests.Support;
using Granary.Bench.Workload;
using SkiaSharp;

namespace Granary.Bench.Tests.Reporting;

public sealed class SweepPlotTests
{
    [Fact]
    public void Writes_a_png_of_the_sweep()
    {
        RunResult[] runs =
        [
            ResultJsonTests.Run(LoadPoint.Concurrency(1), Outcomes.Ok(0, 10, 100, 10, 10, 10, 10)),
            ResultJsonTests.Run(LoadPoint.Concurrency(4), Outcomes.Ok(0, 30, 300, 10, 10, 30, 30)),
            ResultJsonTests.Run(LoadPoint.Concurrency(16), Outcomes.Ok(0, 90, 900, 10, 10, 90, 90)),
        ];
        using var folder = new TempFolder();
        var path = folder.File("plots/sweep.png");
        SweepPlot.Write(path, "test sweep", runs);

        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"{bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal(1560, bitmap.Width);
        // Not a blank canvas: the three lines' colours are drawn.
        var colours = new HashSet<SKColor>();
        for (var x = 0; x < bitmap.Width; x += 3)
            for (var y = 0; y < bitmap.Height; y += 3)
                colours.Add(bitmap.GetPixel(x, y));
        Assert.Contains(new SKColor(31, 119, 180), colours);
        Assert.Contains(new SKColor(214, 39, 40), colours);
    }

    [Fact]
    public void A_single_open_loop_run_plots_too()
    {
        using var folder = new TempFolder();
        var path = folder.File("one.png");
        SweepPlot.Write(path, "one", [ResultJsonTests.Run(new LoadPoint(2, null), Outcomes.Ok(0, 10, 100, 10))]);
        Assert.True(new FileInfo(path).Length > 0);
    }
}

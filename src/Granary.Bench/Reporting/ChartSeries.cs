using SkiaSharp;

namespace Granary.Bench.Reporting;

/// <summary>One line of a chart: a value (or none) per x position.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, SKColor Color, bool Dashed = false);

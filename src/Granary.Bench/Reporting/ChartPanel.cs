using System.Globalization;
using SkiaSharp;

namespace Granary.Bench.Reporting;

/// <summary>Draws one line chart with categorical x positions into a rectangle of a canvas.</summary>
internal sealed class ChartPanel(string title, string xTitle, string yTitle, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series)
{
    private const float Left = 78, Right = 18, Top = 62, Bottom = 58;

    public void Draw(SKCanvas canvas, SKRect area, SKTypeface typeface)
    {
        using var text = new SKPaint { Typeface = typeface, TextSize = 14, IsAntialias = true, Color = SKColors.Black };
        using var small = new SKPaint { Typeface = typeface, TextSize = 12, IsAntialias = true, Color = new SKColor(60, 60, 60) };
        using var boldFace = SKTypeface.FromFamilyName(typeface.FamilyName, SKFontStyle.Bold);
        using var bold = new SKPaint { Typeface = boldFace ?? typeface, TextSize = 16, IsAntialias = true, Color = SKColors.Black };
        using var grid = new SKPaint { Color = new SKColor(225, 225, 225), StrokeWidth = 1, IsAntialias = true };
        using var axis = new SKPaint { Color = new SKColor(90, 90, 90), StrokeWidth = 1.5f, IsAntialias = true };

        var plot = new SKRect(area.Left + Left, area.Top + Top, area.Right - Right, area.Bottom - Bottom);
        canvas.DrawText(title, area.MidX - bold.MeasureText(title) / 2, area.Top + 22, bold);

        var max = series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        var scale = NiceScale.ZeroTo(max);
        foreach (var tick in scale.Ticks())
        {
            var y = Y(plot, scale, tick);
            canvas.DrawLine(plot.Left, y, plot.Right, y, grid);
            var label = Format(tick);
            canvas.DrawText(label, plot.Left - 8 - small.MeasureText(label), y + 4, small);
        }
        canvas.DrawLine(plot.Left, plot.Bottom, plot.Right, plot.Bottom, axis);
        canvas.DrawLine(plot.Left, plot.Top, plot.Left, plot.Bottom, axis);

        for (var i = 0; i < xLabels.Count; i++)
        {
            var x = X(plot, i);
            canvas.DrawLine(x, plot.Bottom, x, plot.Bottom + 5, axis);
            canvas.DrawText(xLabels[i], x - small.MeasureText(xLabels[i]) / 2, plot.Bottom + 20, small);
        }
        canvas.DrawText(xTitle, plot.MidX - text.MeasureText(xTitle) / 2, plot.Bottom + 44, text);
        canvas.Save();
        canvas.RotateDegrees(-90, area.Left + 18, plot.MidY);
        canvas.DrawText(yTitle, area.Left + 18 - text.MeasureText(yTitle) / 2, plot.MidY, text);
        canvas.Restore();

        foreach (var line in series) DrawSeries(canvas, plot, scale, line, small);
        DrawLegend(canvas, plot, small);
    }

    private void DrawSeries(SKCanvas canvas, SKRect plot, NiceScale scale, ChartSeries line, SKPaint label)
    {
        using var stroke = new SKPaint { Color = line.Color, StrokeWidth = 2.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var dash = line.Dashed ? SKPathEffect.CreateDash([8, 5], 0) : null;
        stroke.PathEffect = dash;
        using var dot = new SKPaint { Color = line.Color, IsAntialias = true, Style = SKPaintStyle.Fill };
        using var halo = new SKPaint { Typeface = label.Typeface, TextSize = label.TextSize, IsAntialias = true, Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = 4 };
        using var path = new SKPath();
        var open = false;
        for (var i = 0; i < line.Values.Count; i++)
        {
            if (line.Values[i] is not { } value)
            {
                open = false;
                continue;
            }
            var point = new SKPoint(X(plot, i), Y(plot, scale, value));
            if (open) path.LineTo(point);
            else path.MoveTo(point);
            open = true;
        }
        canvas.DrawPath(path, stroke);
        for (var i = 0; i < line.Values.Count; i++)
        {
            if (line.Values[i] is not { } value) continue;
            var (x, y) = (X(plot, i), Y(plot, scale, value));
            canvas.DrawCircle(x, y, 4.5f, dot);
            if (line.Dashed) continue;
            var text = Format(value);
            var left = x - label.MeasureText(text) / 2;
            canvas.DrawText(text, left, y - 9, halo); // a white outline keeps the value readable over other lines
            canvas.DrawText(text, left, y - 9, label);
        }
    }

    /// <summary>One row between the panel title and the plot, centred, so that it never covers a line.</summary>
    private void DrawLegend(SKCanvas canvas, SKRect plot, SKPaint label)
    {
        if (series.Count < 2) return;
        const float swatch = 28, gap = 6, spacing = 22;
        var width = series.Sum(s => swatch + gap + label.MeasureText(s.Name)) + spacing * (series.Count - 1);
        var x = plot.MidX - width / 2;
        var y = plot.Top - 16;
        foreach (var line in series)
        {
            using var stroke = new SKPaint { Color = line.Color, StrokeWidth = 2.5f, IsAntialias = true };
            using var dash = line.Dashed ? SKPathEffect.CreateDash([8, 5], 0) : null;
            stroke.PathEffect = dash;
            canvas.DrawLine(x, y - 4, x + swatch, y - 4, stroke);
            x += swatch + gap;
            canvas.DrawText(line.Name, x, y, label);
            x += label.MeasureText(line.Name) + spacing;
        }
    }

    private float X(SKRect plot, int index) =>
        xLabels.Count == 1 ? plot.MidX : plot.Left + 30 + index * (plot.Width - 60) / (xLabels.Count - 1);

    private static float Y(SKRect plot, NiceScale scale, double value) => (float)(plot.Bottom - value / scale.Max * plot.Height);

    private static string Format(double value) => value switch
    {
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };
}

namespace Granary.Bench.Reporting;

/// <summary>An axis from 0 to a round maximum with round tick steps (1, 2 or 5 × 10ⁿ).</summary>
internal sealed record NiceScale(double Max, double Step)
{
    public static NiceScale ZeroTo(double dataMax, int targetTicks = 5)
    {
        if (!(dataMax > 0) || double.IsInfinity(dataMax)) return new NiceScale(1, 0.2);
        var rough = dataMax / targetTicks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(f => f * magnitude).First(s => s >= rough);
        return new NiceScale(Math.Ceiling(dataMax / step) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        for (var i = 0; i * Step <= Max * (1 + 1e-9); i++) yield return i * Step;
    }
}

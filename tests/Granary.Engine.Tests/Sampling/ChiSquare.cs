namespace Granary.Engine.Tests.Sampling;

/// <summary>Pearson's goodness-of-fit test against an analytic distribution.</summary>
internal static class ChiSquare
{
    /// <summary>
    /// Asserts the counts fit the probabilities at the 0.1% level, and that zero-probability outcomes never occur.
    /// The critical value uses the Wilson–Hilferty approximation of the chi-square quantile.
    /// </summary>
    public static void AssertFits(int[] counts, double[] probabilities)
    {
        var draws = counts.Sum();
        var cells = new List<(double Expected, int Observed)>();
        for (var i = 0; i < counts.Length; i++)
        {
            if (probabilities[i] == 0)
                Assert.True(counts[i] == 0, $"outcome {i} has probability 0 but was drawn {counts[i]} times");
            else
                cells.Add((draws * probabilities[i], counts[i]));
        }

        // Rare outcomes are pooled into one cell so every cell expects at least 5 draws.
        cells.Sort((a, b) => b.Expected.CompareTo(a.Expected));
        while (cells.Count > 1 && cells[^1].Expected < 5)
        {
            var (expected, observed) = cells[^1];
            cells.RemoveAt(cells.Count - 1);
            cells[^1] = (cells[^1].Expected + expected, cells[^1].Observed + observed);
        }

        var statistic = cells.Sum(c => (c.Observed - c.Expected) * (c.Observed - c.Expected) / c.Expected);
        var df = cells.Count - 1;
        if (df == 0) return;
        const double z999 = 3.090232;
        var critical = df * Math.Pow(1 - 2.0 / (9 * df) + z999 * Math.Sqrt(2.0 / (9 * df)), 3);
        Assert.True(statistic < critical, $"chi-square {statistic:F2} exceeds {critical:F2} (df {df}): counts [{string.Join(", ", counts)}]");
    }

    public static double[] Softmax(IReadOnlyList<double> logits)
    {
        var max = logits.Where(double.IsFinite).Max();
        var exp = logits.Select(l => double.IsNegativeInfinity(l) ? 0 : Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }
}

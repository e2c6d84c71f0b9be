using System.Globalization;

namespace Granary.Bench.Workload;

/// <summary>
/// The offered load of one run: Poisson arrivals at <see cref="RequestRate"/> requests/s
/// (infinity: all at once), with at most <see cref="MaxConcurrency"/> requests in flight (null: no cap).
/// A closed-loop concurrency run is rate ∞ with a cap.
/// </summary>
internal sealed record LoadPoint(double RequestRate, int? MaxConcurrency)
{
    public static LoadPoint Concurrency(int streams) => new(double.PositiveInfinity, streams);

    public bool IsOpenLoop => !double.IsPositiveInfinity(RequestRate);

    public string Describe() => (IsOpenLoop, MaxConcurrency) switch
    {
        (false, { } c) => $"concurrency {c}",
        (false, null) => "all at once",
        (true, { } c) => $"rate {Rate} req/s, max concurrency {c}",
        (true, null) => $"rate {Rate} req/s",
    };

    private string Rate => RequestRate.ToString("0.###", CultureInfo.InvariantCulture);
}

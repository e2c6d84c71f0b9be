using System.Diagnostics;

namespace Granary.Bench.Clients;

/// <summary>Seconds on a monotonic clock (Stopwatch ticks), immune to wall-clock adjustments.</summary>
internal static class MonotonicClock
{
    public static double Now => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
}

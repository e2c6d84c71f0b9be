namespace Granary.Bench.Workload;

/// <summary>
/// Independent, reproducible random streams derived from the one --seed: the prompts of run k, its
/// warm-up prompts and its arrival times each get their own, so that the runs of a sweep never send
/// the same prompt twice (a server's prefix cache would otherwise serve later runs from earlier ones).
/// </summary>
internal static class SeedStreams
{
    public const int Prompts = 1;
    public const int Warmup = 2;
    public const int Arrivals = 3;
    public const int Prefixes = 4;

    public static Random Create(long seed, int run, int stream) => new(Derive(seed, run, stream));

    /// <summary>SplitMix64 over the three inputs, folded to a non-negative int for System.Random.</summary>
    public static int Derive(long seed, int run, int stream)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)run * 0xBF58476D1CE4E5B9UL + (ulong)stream * 0x94D049BB133111EBUL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (int)(x & int.MaxValue);
    }
}

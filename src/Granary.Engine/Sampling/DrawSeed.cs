namespace Granary.Engine.Sampling;

/// <summary>
/// The seed of one random draw of a seeded request: a 64-bit mix of the request's seed, the choice and
/// the output position (tokens the choice generated before it). A draw then depends on nothing else:
/// not on batching, preemption, or which replica makes it, so a choice resumed elsewhere draws as the
/// interrupted replica would have.
/// </summary>
internal static class DrawSeed
{
    public static long Of(long seed, int choice, int position)
    {
        // Choice and position fill one word, so different (choice, position) pairs of a seed never share a draw seed.
        var place = (ulong)(uint)choice << 32 | (uint)position;
        return unchecked((long)Mix(Mix((ulong)seed) ^ place));
    }

    /// <summary>SplitMix64's finalizer: a bijection that spreads every input bit over the whole word.</summary>
    private static ulong Mix(ulong value)
    {
        unchecked
        {
            value += 0x9E3779B97F4A7C15;
            value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
            value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
            return value ^ (value >> 31);
        }
    }
}

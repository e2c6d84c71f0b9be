namespace Granary.Tokenization.Models;

/// <summary>
/// Hashes a packed (left id, right id) pair. long's own hash XORs the halves, which for vocabulary
/// ids collides massively (every (a, b) with the same a ^ b), so mix the bits instead.
/// </summary>
internal sealed class PairKeyComparer : IEqualityComparer<long>
{
    public static PairKeyComparer Instance { get; } = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long obj) => (int)((ulong)(obj * unchecked((long)0x9E3779B97F4A7C15)) >> 32);
}

namespace Granary.Tokenization.Models;

/// <summary>The merge table: a pair of symbol ids → (rank, id of the merged symbol).</summary>
internal sealed class BpeMerges
{
    private readonly Dictionary<long, long> _merges;

    public BpeMerges(int capacity) => _merges = new Dictionary<long, long>(capacity, PairKeyComparer.Instance);

    public int Count => _merges.Count;

    /// <summary>Later duplicates win, as when tokenizers collects its merge map.</summary>
    public void Add(int left, int right, int rank, int mergedId) => _merges[Key(left, right)] = ((long)rank << 32) | (uint)mergedId;

    public bool TryGet(int left, int right, out int rank, out int mergedId)
    {
        if (_merges.TryGetValue(Key(left, right), out var packed))
        {
            rank = (int)(packed >> 32);
            mergedId = (int)(packed & 0xFFFFFFFF);
            return true;
        }

        rank = 0;
        mergedId = 0;
        return false;
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}

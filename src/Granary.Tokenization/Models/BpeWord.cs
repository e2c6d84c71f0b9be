namespace Granary.Tokenization.Models;

/// <summary>
/// The symbols of one word while merges are applied: always the lowest-ranked pair first, the
/// leftmost among equal ranks (tokenizers' Word::merge_all without dropout).
/// </summary>
internal sealed class BpeWord
{
    private readonly List<int> _ids = new();

    public int Count => _ids.Count;

    public void Add(int id) => _ids.Add(id);

    public int[] ToArray() => _ids.ToArray();

    // Up to this many symbols a scan for the best pair beats a priority queue; both pick the same pairs.
    private const int LinearScanLimit = 48;

    public int[] MergeAll(BpeMerges merges) => _ids.Count <= LinearScanLimit ? MergeByScanning(merges) : MergeWithQueue(merges);

    internal int[] MergeByScanning(BpeMerges merges)
    {
        var count = _ids.Count;
        Span<int> ids = stackalloc int[count];
        Span<int> ranks = stackalloc int[count];
        Span<int> mergedIds = stackalloc int[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = _ids[i];
        }

        // ranks[i] is the rank of the pair (i, i + 1), int.MaxValue when it does not merge.
        for (var i = 0; i + 1 < count; i++)
        {
            ranks[i] = PairRank(merges, ids[i], ids[i + 1], out mergedIds[i]);
        }

        while (count > 1)
        {
            var best = 0;
            for (var i = 1; i + 1 < count; i++)
            {
                if (ranks[i] < ranks[best])
                {
                    best = i;
                }
            }

            if (ranks[best] == int.MaxValue)
            {
                break;
            }

            ids[best] = mergedIds[best];
            ids[(best + 2)..count].CopyTo(ids[(best + 1)..]);
            ranks[(best + 2)..count].CopyTo(ranks[(best + 1)..]);
            mergedIds[(best + 2)..count].CopyTo(mergedIds[(best + 1)..]);
            count--;
            ranks[count - 1] = int.MaxValue;
            if (best > 0)
            {
                ranks[best - 1] = PairRank(merges, ids[best - 1], ids[best], out mergedIds[best - 1]);
            }

            if (best + 1 < count)
            {
                ranks[best] = PairRank(merges, ids[best], ids[best + 1], out mergedIds[best]);
            }
        }

        return ids[..count].ToArray();
    }

    private static int PairRank(BpeMerges merges, int left, int right, out int mergedId) =>
        merges.TryGet(left, right, out var rank, out mergedId) ? rank : int.MaxValue;

    internal int[] MergeWithQueue(BpeMerges merges)
    {
        var count = _ids.Count;
        var ids = _ids.ToArray();
        var previous = new int[count];
        var next = new int[count];
        var alive = new bool[count];
        for (var i = 0; i < count; i++)
        {
            previous[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
            alive[i] = true;
        }

        // Priority: rank first, then position; entries go stale when their symbols change.
        var queue = new PriorityQueue<(int Position, int MergedId), long>();
        for (var i = 0; i + 1 < count; i++)
        {
            Enqueue(queue, merges, ids, i, i + 1);
        }

        while (queue.TryDequeue(out var entry, out _))
        {
            var position = entry.Position;
            if (!alive[position] || next[position] < 0)
            {
                continue;
            }

            var right = next[position];
            if (!merges.TryGet(ids[position], ids[right], out _, out var mergedId) || mergedId != entry.MergedId)
            {
                continue;
            }

            ids[position] = mergedId;
            alive[right] = false;
            next[position] = next[right];
            if (next[right] >= 0)
            {
                previous[next[right]] = position;
            }

            if (previous[position] >= 0)
            {
                Enqueue(queue, merges, ids, previous[position], position);
            }

            if (next[position] >= 0)
            {
                Enqueue(queue, merges, ids, position, next[position]);
            }
        }

        var result = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            if (alive[i])
            {
                result.Add(ids[i]);
            }
        }

        return result.ToArray();
    }

    private static void Enqueue(PriorityQueue<(int, int), long> queue, BpeMerges merges, int[] ids, int left, int right)
    {
        if (merges.TryGet(ids[left], ids[right], out var rank, out var mergedId))
        {
            queue.Enqueue((left, mergedId), ((long)rank << 32) | (uint)left);
        }
    }
}

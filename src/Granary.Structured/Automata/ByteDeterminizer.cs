using Granary.Structured.Expressions;

namespace Granary.Structured.Automata;

/// <summary>
/// Subset construction for one rule. Calls of the same rule from different NFA states merge into
/// one call whose return state is the union of their returns, so a union of alternatives that all
/// recurse into the same rule stays deterministic.
/// </summary>
internal static class ByteDeterminizer
{
    public const int MaxStates = 200_000;

    public static RuleDfa Determinize(ByteNfa nfa)
    {
        var ids = new Dictionary<int[], int>(IntArrayComparer.Instance);
        var sets = new List<int[]>();
        var bytes = new List<IReadOnlyList<(byte, byte, int)>>();
        var calls = new List<IReadOnlyList<(GrammarRule, int)>>();
        var accepting = new List<bool>();

        int Intern(int[] set)
        {
            if (ids.TryGetValue(set, out var id))
            {
                return id;
            }

            if (sets.Count >= MaxStates)
            {
                throw new StructuredOutputException($"The grammar needs more than {MaxStates} automaton states.");
            }

            id = sets.Count;
            ids[set] = id;
            sets.Add(set);
            bytes.Add([]);
            calls.Add([]);
            accepting.Add(Array.BinarySearch(set, nfa.Final) >= 0);
            return id;
        }

        Intern(Closure(nfa, [nfa.Start]));
        for (var current = 0; current < sets.Count; current++)
        {
            var set = sets[current];
            bytes[current] = ByteTransitions(nfa, set).Select(t => (t.Low, t.High, Intern(Closure(nfa, t.Targets)))).ToList();
            calls[current] = set
                .SelectMany(nfa.CallsOf)
                .GroupBy(call => call.Callee)
                .Select(group => (group.Key, Intern(Closure(nfa, group.Select(call => call.Return)))))
                .ToList();
        }

        return new RuleDfa(bytes, calls, accepting);
    }

    private static int[] Closure(ByteNfa nfa, IEnumerable<int> seeds)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>(seeds);
        while (stack.Count > 0)
        {
            var state = stack.Pop();
            if (seen.Add(state))
            {
                foreach (var target in nfa.EpsilonsOf(state))
                {
                    stack.Push(target);
                }
            }
        }

        var result = seen.ToArray();
        Array.Sort(result);
        return result;
    }

    private static List<(byte Low, byte High, int[] Targets)> ByteTransitions(ByteNfa nfa, int[] set)
    {
        var edges = set.SelectMany(nfa.BytesOf).ToList();
        var result = new List<(byte, byte, int[])>();
        if (edges.Count == 0)
        {
            return result;
        }

        var boundaries = new bool[257];
        foreach (var (low, high, _) in edges)
        {
            boundaries[low] = true;
            boundaries[high + 1] = true;
        }

        var targets = new List<int>();
        var start = -1;
        for (var b = 0; b <= 256; b++)
        {
            if (!boundaries[b])
            {
                continue;
            }

            if (start >= 0)
            {
                targets.Clear();
                foreach (var (low, high, target) in edges)
                {
                    if (low <= start && start <= high)
                    {
                        targets.Add(target);
                    }
                }

                if (targets.Count > 0)
                {
                    result.Add(((byte)start, (byte)(b - 1), targets.Distinct().ToArray()));
                }
            }

            start = b;
        }

        return result;
    }
}

namespace Granary.Structured.Text;

/// <summary>Subset construction from <see cref="CharNfa"/> to a trimmed <see cref="CharDfa"/>.</summary>
internal static class CharDfaBuilder
{
    /// <summary>States beyond this make a pattern too large to compile (a 400, not an out-of-memory).</summary>
    public const int MaxStates = 20_000;

    public static CharDfa Determinize(CharNfa nfa)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var sets = new List<int[]>();
        var transitions = new List<List<(CodePointSet, int)>>();
        var accepting = new List<bool>();

        int Intern(int[] states, bool atStart)
        {
            var key = (atStart ? "^" : "") + string.Join(',', states);
            if (ids.TryGetValue(key, out var id))
            {
                return id;
            }

            if (sets.Count >= MaxStates)
            {
                throw new StructuredOutputException($"A pattern needs more than {MaxStates} automaton states.", "pattern");
            }

            id = sets.Count;
            ids[key] = id;
            sets.Add(states);
            transitions.Add([]);
            var acceptKinds = atStart ? [EpsilonKind.Plain, EpsilonKind.AtEnd, EpsilonKind.AtStart] : new[] { EpsilonKind.Plain, EpsilonKind.AtEnd };
            accepting.Add(Closure(nfa, states, acceptKinds).Contains(nfa.Final));
            return id;
        }

        var start = Intern(Closure(nfa, [nfa.Start], [EpsilonKind.Plain, EpsilonKind.AtStart]), atStart: true);
        for (var current = start; current < sets.Count; current++)
        {
            foreach (var (set, targets) in Split(nfa, sets[current]))
            {
                var target = Intern(Closure(nfa, targets, [EpsilonKind.Plain]), atStart: false);
                transitions[current].Add((set, target));
            }
        }

        return Trim(transitions, accepting);
    }

    /// <summary>Removes states that cannot reach acceptance; an empty language gives a zero-state automaton.</summary>
    public static CharDfa Trim(IReadOnlyList<IReadOnlyList<(CodePointSet Set, int Target)>> transitions, IReadOnlyList<bool> accepting)
    {
        var count = accepting.Count;
        var live = new bool[count];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var state = 0; state < count; state++)
            {
                if (!live[state] && (accepting[state] || transitions[state].Any(t => live[t.Target])))
                {
                    live[state] = changed = true;
                }
            }
        }

        if (count == 0 || !live[0])
        {
            return new CharDfa([], []);
        }

        // Renumber the live states reachable from the start, in breadth-first order.
        var newId = new int[count];
        Array.Fill(newId, -1);
        var order = new List<int> { 0 };
        newId[0] = 0;
        for (var i = 0; i < order.Count; i++)
        {
            foreach (var (_, target) in transitions[order[i]])
            {
                if (live[target] && newId[target] < 0)
                {
                    newId[target] = order.Count;
                    order.Add(target);
                }
            }
        }

        var newTransitions = order
            .Select(old => (IReadOnlyList<(CodePointSet, int)>)transitions[old].Where(t => live[t.Target]).Select(t => (t.Set, newId[t.Target])).ToList())
            .ToList();
        return new CharDfa(newTransitions, order.Select(old => accepting[old]).ToList());
    }

    private static int[] Closure(CharNfa nfa, IEnumerable<int> seeds, EpsilonKind[] kinds)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>(seeds);
        while (stack.Count > 0)
        {
            var state = stack.Pop();
            if (!seen.Add(state))
            {
                continue;
            }

            foreach (var (kind, target) in nfa.EpsilonsOf(state))
            {
                if (Array.IndexOf(kinds, kind) >= 0)
                {
                    stack.Push(target);
                }
            }
        }

        var result = seen.ToArray();
        Array.Sort(result);
        return result;
    }

    /// <summary>Partitions the code points leaving a state set by which NFA targets they reach.</summary>
    private static IEnumerable<(CodePointSet Set, int[] Targets)> Split(CharNfa nfa, int[] states)
    {
        var edges = states.SelectMany(nfa.EdgesOf).ToList();
        if (edges.Count == 0)
        {
            return [];
        }

        var boundaries = new SortedSet<int>();
        foreach (var (set, _) in edges)
        {
            foreach (var (low, high) in set.Ranges)
            {
                boundaries.Add(low);
                boundaries.Add(high + 1);
            }
        }

        var byTargets = new Dictionary<string, (List<(int, int)> Ranges, int[] Targets)>(StringComparer.Ordinal);
        var points = boundaries.ToArray();
        for (var i = 0; i + 1 < points.Length; i++)
        {
            var targets = edges.Where(e => e.Set.Contains(points[i])).Select(e => e.Target).Distinct().Order().ToArray();
            if (targets.Length == 0)
            {
                continue;
            }

            var key = string.Join(',', targets);
            if (!byTargets.TryGetValue(key, out var entry))
            {
                entry = ([], targets);
                byTargets[key] = entry;
            }

            entry.Ranges.Add((points[i], points[i + 1] - 1));
        }

        return byTargets.Values.Select(v => (CodePointSet.FromRanges(v.Ranges), v.Targets));
    }
}

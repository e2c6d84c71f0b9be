namespace Granary.Structured.Text;

/// <summary>Products of code point automata: intersection, length bounds, alphabet restriction.</summary>
internal static class CharDfaOperations
{
    /// <summary>Any text over <paramref name="alphabet"/> (a one-state loop).</summary>
    public static CharDfa AnyText(CodePointSet alphabet) => new([[(alphabet, 0)]], [true]);

    public static CharDfa Intersect(CharDfa left, CharDfa right)
    {
        if (left.IsEmptyLanguage || right.IsEmptyLanguage)
        {
            return new CharDfa([], []);
        }

        return Product(
            (0, 0),
            pair => left.Transitions[pair.Item1].SelectMany(l => right.Transitions[pair.Item2]
                .Select(r => (l.Set.Intersect(r.Set), (l.Target, r.Target)))),
            pair => left.Accepting[pair.Item1] && right.Accepting[pair.Item2]);
    }

    /// <summary>
    /// Texts of <paramref name="dfa"/> whose length in code points is within bounds. The counter
    /// saturates at the minimum when there is no maximum, so the product stays finite.
    /// </summary>
    public static CharDfa WithLength(CharDfa dfa, int minLength, int? maxLength)
    {
        if (dfa.IsEmptyLanguage || maxLength < minLength)
        {
            return new CharDfa([], []);
        }

        var counterCap = maxLength ?? minLength;
        return Product(
            (0, 0),
            pair => pair.Item2 >= counterCap && maxLength is not null
                ? []
                : dfa.Transitions[pair.Item1].Select(t => (t.Set, (t.Target, Math.Min(pair.Item2 + 1, counterCap)))),
            pair => dfa.Accepting[pair.Item1] && pair.Item2 >= minLength);
    }

    /// <summary>Every text over <paramref name="alphabet"/> except the listed ones (keys of undeclared properties).</summary>
    public static CharDfa AnyTextExcept(CodePointSet alphabet, IEnumerable<string> excluded)
    {
        // A trie of the excluded texts; leaving it at any point reaches the free state 1.
        var transitions = new List<List<(CodePointSet, int)>> { new(), new() { (alphabet, 1) } };
        var accepting = new List<bool> { true, true };
        var children = new List<Dictionary<int, int>> { new(), new() };
        foreach (var text in excluded)
        {
            var state = 0;
            foreach (var rune in text.EnumerateRunes())
            {
                if (!children[state].TryGetValue(rune.Value, out var next))
                {
                    next = transitions.Count;
                    transitions.Add([]);
                    accepting.Add(true);
                    children.Add([]);
                    children[state][rune.Value] = next;
                }

                state = next;
            }

            accepting[state] = false;
        }

        for (var state = 0; state < transitions.Count; state++)
        {
            if (state == 1)
            {
                continue;
            }

            var named = CodePointSet.Of([.. children[state].Keys]);
            foreach (var (codePoint, next) in children[state])
            {
                transitions[state].Add((CodePointSet.Single(codePoint), next));
            }

            transitions[state].Add((alphabet.Subtract(named), 1));
        }

        return CharDfaBuilder.Trim(transitions.Select(t => (IReadOnlyList<(CodePointSet, int)>)t).ToList(), accepting);
    }

    private static CharDfa Product<TState>(
        TState start,
        Func<TState, IEnumerable<(CodePointSet Set, TState Target)>> successors,
        Func<TState, bool> isAccepting)
        where TState : notnull
    {
        var ids = new Dictionary<TState, int> { [start] = 0 };
        var order = new List<TState> { start };
        var transitions = new List<IReadOnlyList<(CodePointSet, int)>>();
        for (var i = 0; i < order.Count; i++)
        {
            var edges = new List<(CodePointSet, int)>();
            foreach (var (set, target) in successors(order[i]))
            {
                if (set.IsEmpty)
                {
                    continue;
                }

                if (!ids.TryGetValue(target, out var id))
                {
                    if (order.Count >= CharDfaBuilder.MaxStates)
                    {
                        throw new StructuredOutputException($"A string constraint needs more than {CharDfaBuilder.MaxStates} automaton states.", "maxLength");
                    }

                    id = order.Count;
                    ids[target] = id;
                    order.Add(target);
                }

                edges.Add((set, id));
            }

            transitions.Add(edges);
        }

        return CharDfaBuilder.Trim(transitions, order.Select(isAccepting).ToList());
    }
}

namespace Granary.Structured.Automata;

/// <summary>
/// The analyses that make dead ends impossible: a state is live when some finite text leads from
/// it to the end of its rule (through bytes and calls of rules that can themselves finish). Only
/// live states and edges are kept, so every prefix the matcher accepts can still be completed.
/// </summary>
internal static class GrammarTrimmer
{
    public static bool[][] LiveStates(IReadOnlyList<RuleDfa> dfas, (int Callee, int Return)[][][] calls)
    {
        var live = dfas.Select(d => new bool[d.StateCount]).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var rule = 0; rule < dfas.Count; rule++)
            {
                var dfa = dfas[rule];
                for (var state = 0; state < dfa.StateCount; state++)
                {
                    if (live[rule][state])
                    {
                        continue;
                    }

                    var isLive = dfa.Accepting[state]
                        || dfa.Bytes[state].Any(t => live[rule][t.Target])
                        || calls[rule][state].Any(c => live[c.Callee][0] && live[rule][c.Return]);
                    if (isLive)
                    {
                        live[rule][state] = changed = true;
                    }
                }
            }
        }

        return live;
    }

    /// <summary>
    /// Refuses rules that can call themselves before reading a byte (<c>{"$ref": "#"}</c> or
    /// <c>anyOf: [{"$ref": "#"}, ...]</c>): the matcher's closure would never end.
    /// </summary>
    public static void RejectLeftRecursion(IReadOnlyList<RuleDfa> dfas, (int Callee, int Return)[][][] calls, bool[][] live, string[] names)
    {
        // Nullable rules: the end is reachable from the start without bytes.
        var nullable = new bool[dfas.Count];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var rule = 0; rule < dfas.Count; rule++)
            {
                if (!nullable[rule] && EmptyReachable(rule, calls, live, nullable).Any(s => dfas[rule].Accepting[s]))
                {
                    nullable[rule] = changed = true;
                }
            }
        }

        // Rules called before any byte, from each rule; a cycle among them is left recursion.
        var firstCalls = Enumerable.Range(0, dfas.Count)
            .Select(rule => EmptyReachable(rule, calls, live, nullable).SelectMany(s => calls[rule][s]).Where(c => live[c.Callee][0]).Select(c => c.Callee).ToHashSet())
            .ToArray();
        var visiting = new int[dfas.Count]; // 0 new, 1 on the path, 2 done
        void Visit(int rule)
        {
            visiting[rule] = 1;
            foreach (var callee in firstCalls[rule])
            {
                if (visiting[callee] == 1)
                {
                    throw new StructuredOutputException(
                        $"Rule '{names[callee]}' refers to itself before any text (a $ref cycle through anyOf/allOf/$ref only): it describes no finite value structure.", "$ref");
                }

                if (visiting[callee] == 0)
                {
                    Visit(callee);
                }
            }

            visiting[rule] = 2;
        }

        for (var rule = 0; rule < dfas.Count; rule++)
        {
            if (visiting[rule] == 0)
            {
                Visit(rule);
            }
        }
    }

    private static HashSet<int> EmptyReachable(int rule, (int Callee, int Return)[][][] calls, bool[][] live, bool[] nullable)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            var state = stack.Pop();
            if (!live[rule][state] || !seen.Add(state))
            {
                continue;
            }

            foreach (var (callee, ret) in calls[rule][state])
            {
                if (nullable[callee])
                {
                    stack.Push(ret);
                }
            }
        }

        return seen;
    }
}

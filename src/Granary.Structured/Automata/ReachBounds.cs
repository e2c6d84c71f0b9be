namespace Granary.Structured.Automata;

/// <summary>
/// Per state: the most bytes to the end of its rule from anywhere the rule can still go from it,
/// callees' insides included (<see cref="Unbounded"/> where a recursive rule can be entered).
/// Budget steering reads it to know, without walking the vocabulary, that no token from here can
/// move beyond a budget: then the mask stays exactly the unsteered one.
/// </summary>
internal static class ReachBounds
{
    public const int Unbounded = int.MaxValue / 4;

    public static int[] Compute(CompiledGrammar grammar)
    {
        var distance = grammar.Distances.ToRuleEnd;
        var ruleCount = grammar.RuleStarts.Length;
        var ruleEnd = new int[ruleCount];
        for (var rule = 0; rule < ruleCount; rule++)
        {
            ruleEnd[rule] = rule + 1 < ruleCount ? grammar.RuleStarts[rule + 1] : grammar.StateCount;
        }

        var recursive = RecursiveRules(grammar, ruleEnd);
        var reach = new int[grammar.StateCount];
        var ruleMaximum = new int[ruleCount];
        var done = new bool[ruleCount];
        for (var rule = 0; rule < ruleCount; rule++)
        {
            Visit(rule);
        }

        return reach;

        // Callees first (the call graph is acyclic once recursive rules are set aside).
        void Visit(int rule)
        {
            if (done[rule])
            {
                return;
            }

            done[rule] = true;
            if (recursive[rule])
            {
                ruleMaximum[rule] = Unbounded;
                Array.Fill(reach, Unbounded, grammar.RuleStarts[rule], ruleEnd[rule] - grammar.RuleStarts[rule]);
                return;
            }

            for (var state = grammar.RuleStarts[rule]; state < ruleEnd[rule]; state++)
            {
                foreach (var (callee, _) in grammar.Calls[state])
                {
                    Visit(callee);
                }
            }

            SolveRule(grammar, rule, ruleEnd[rule], distance, ruleMaximum, reach);
            ruleMaximum[rule] = reach[grammar.RuleStarts[rule]];
        }
    }

    /// <summary>Within one rule: the maximum over what each state reaches, by sweeps to a fixpoint.</summary>
    private static void SolveRule(CompiledGrammar grammar, int rule, int end, int[] distance, int[] ruleMaximum, int[] reach)
    {
        var start = grammar.RuleStarts[rule];
        for (var state = start; state < end; state++)
        {
            var local = Math.Min(distance[state], Unbounded);
            foreach (var (callee, returnState) in grammar.Calls[state])
            {
                local = Math.Max(local, Add(ruleMaximum[callee], distance[returnState]));
            }

            reach[state] = local;
        }

        for (var changed = true; changed;)
        {
            changed = false;
            for (var state = end - 1; state >= start; state--)
            {
                var best = reach[state];
                for (var byteClass = 0; byteClass < grammar.ClassCount; byteClass++)
                {
                    var target = grammar.Transitions[state * grammar.ClassCount + byteClass];
                    if (target >= 0)
                    {
                        best = Math.Max(best, reach[target]);
                    }
                }

                foreach (var (_, returnState) in grammar.Calls[state])
                {
                    best = Math.Max(best, reach[returnState]);
                }

                if (best > reach[state])
                {
                    reach[state] = best;
                    changed = true;
                }
            }
        }
    }

    /// <summary>Rules that can call themselves, directly or not, and rules that can call those.</summary>
    private static bool[] RecursiveRules(CompiledGrammar grammar, int[] ruleEnd)
    {
        var ruleCount = grammar.RuleStarts.Length;
        var callees = new HashSet<int>[ruleCount];
        for (var rule = 0; rule < ruleCount; rule++)
        {
            callees[rule] = [];
            for (var state = grammar.RuleStarts[rule]; state < ruleEnd[rule]; state++)
            {
                foreach (var (callee, _) in grammar.Calls[state])
                {
                    callees[rule].Add(callee);
                }
            }
        }

        var unbounded = new bool[ruleCount];
        for (var rule = 0; rule < ruleCount; rule++)
        {
            // Reachable set of the rule's callees; the rule is unbounded if it meets itself or a cycle.
            var seen = new HashSet<int>();
            var pending = new Stack<int>(callees[rule]);
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                if (seen.Add(next))
                {
                    foreach (var callee in callees[next])
                    {
                        pending.Push(callee);
                    }
                }
            }

            unbounded[rule] = seen.Contains(rule);
        }

        for (var rule = 0; rule < ruleCount; rule++)
        {
            if (!unbounded[rule])
            {
                unbounded[rule] = Reaches(rule, callees, unbounded);
            }
        }

        return unbounded;
    }

    private static bool Reaches(int rule, HashSet<int>[] callees, bool[] cyclic)
    {
        var seen = new HashSet<int>();
        var pending = new Stack<int>(callees[rule]);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (cyclic[next])
            {
                return true;
            }

            if (seen.Add(next))
            {
                foreach (var callee in callees[next])
                {
                    pending.Push(callee);
                }
            }
        }

        return false;
    }

    public static int Add(int a, int b) => (int)Math.Min((long)a + b, Unbounded);
}

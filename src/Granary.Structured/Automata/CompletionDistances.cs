namespace Granary.Structured.Automata;

/// <summary>
/// The fewest bytes from each state to the end of its rule, and each rule's shortest sentence.
/// Finite for every live state (that is what live means), which bounds how long it takes to
/// finish from anywhere: a walk that always takes a byte of a shortest way ends in that many steps.
/// </summary>
internal sealed class CompletionDistances
{
    private CompletionDistances(int[] toRuleEnd) => ToRuleEnd = toRuleEnd;

    /// <summary>Per state: bytes to the end of its rule (int.MaxValue if none).</summary>
    public int[] ToRuleEnd { get; }

    public static CompletionDistances Compute(CompiledGrammar grammar)
    {
        var distance = new int[grammar.StateCount];
        Array.Fill(distance, int.MaxValue);
        var ruleMinimum = new int[grammar.RuleStarts.Length];
        Array.Fill(ruleMinimum, int.MaxValue);
        for (var changed = true; changed;)
        {
            changed = false;
            for (var state = grammar.StateCount - 1; state >= 0; state--)
            {
                var best = grammar.Accepting[state] ? 0 : int.MaxValue;
                for (var byteClass = 0; byteClass < grammar.ClassCount; byteClass++)
                {
                    var target = grammar.Transitions[state * grammar.ClassCount + byteClass];
                    if (target >= 0 && distance[target] != int.MaxValue)
                    {
                        best = Math.Min(best, distance[target] + 1);
                    }
                }

                foreach (var (callee, returnState) in grammar.Calls[state])
                {
                    if (ruleMinimum[callee] != int.MaxValue && distance[returnState] != int.MaxValue)
                    {
                        best = Math.Min(best, ruleMinimum[callee] + distance[returnState]);
                    }
                }

                if (best < distance[state])
                {
                    distance[state] = best;
                    changed = true;
                }
            }

            for (var rule = 0; rule < ruleMinimum.Length; rule++)
            {
                if (distance[grammar.RuleStarts[rule]] < ruleMinimum[rule])
                {
                    ruleMinimum[rule] = distance[grammar.RuleStarts[rule]];
                    changed = true;
                }
            }
        }

        return new CompletionDistances(distance);
    }
}

using System.Runtime.CompilerServices;
using Granary.Structured.Expressions;

namespace Granary.Structured.Automata;

/// <summary>
/// All rules' DFAs numbered into one state space with dense transition tables over byte classes
/// (bytes no state tells apart share a class). Immutable; the runtime walks it.
/// </summary>
internal sealed class CompiledGrammar
{
    // A rule's DFA is a function of its body alone: shared by every grammar that uses the rule, so
    // per-vocabulary caches keyed by it (see TokenVocabulary.FrameMasks) serve all of them.
    private static readonly ConditionalWeakTable<GrammarRule, RuleDfa> RuleDfas = new();

    private CompiledGrammar(int[] byteClass, int classCount, int[] transitions, bool[] accepting, (int Callee, int Return)[][] calls, int[] ruleStarts, bool[] hasByteTransitions)
    {
        ByteClass = byteClass;
        ClassCount = classCount;
        Transitions = transitions;
        Accepting = accepting;
        Calls = calls;
        RuleStarts = ruleStarts;
        HasByteTransitions = hasByteTransitions;
        _distances = new Lazy<CompletionDistances>(() => CompletionDistances.Compute(this));
        _reach = new Lazy<int[]>(() => ReachBounds.Compute(this));
    }

    private readonly Lazy<CompletionDistances> _distances;
    private readonly Lazy<int[]> _reach;

    public CompletionDistances Distances => _distances.Value;

    /// <summary>Per state, see <see cref="ReachBounds"/>.</summary>
    public int[] Reach => _reach.Value;

    /// <summary>Byte to class.</summary>
    public int[] ByteClass { get; }

    public int ClassCount { get; }

    /// <summary>[state * ClassCount + class] = next state, or -1.</summary>
    public int[] Transitions { get; }

    /// <summary>The state ends its rule (returns to the caller, or completes the grammar for the root rule).</summary>
    public bool[] Accepting { get; }

    /// <summary>Per state: rules it calls (by index) and the state each call returns to.</summary>
    public (int Callee, int Return)[][] Calls { get; }

    /// <summary>Start state of each rule; rule 0 is the root.</summary>
    public int[] RuleStarts { get; }

    public bool[] HasByteTransitions { get; }

    public int StateCount => Accepting.Length;

    /// <summary>Rule index of each state.</summary>
    public int[] StateRule { get; private set; } = [];

    public RuleDfa[] Rules { get; private set; } = [];

    /// <summary>
    /// For a state of a rule that calls nothing: its rule's DFA and its number there — a key that
    /// means the same in every grammar. Null for states of rules with calls.
    /// </summary>
    public (RuleDfa Rule, int LocalState)? LeafKey(int state)
    {
        var rule = Rules[StateRule[state]];
        return rule.CallsNothing ? (rule, state - RuleStarts[StateRule[state]]) : null;
    }

    public static CompiledGrammar Compile(GrammarExpression root)
    {
        var rules = new List<GrammarRule> { new("root") { Body = root } };
        var ruleIndex = new Dictionary<GrammarRule, int> { [rules[0]] = 0 };
        var itemRules = new Dictionary<GrammarExpression, GrammarRule>(ReferenceEqualityComparer.Instance);
        var dfas = new List<RuleDfa>();
        GrammarRule RuleForItem(GrammarExpression item)
        {
            if (!itemRules.TryGetValue(item, out var rule))
            {
                rule = new GrammarRule("item" + itemRules.Count) { Body = item };
                itemRules[item] = rule;
            }

            return rule;
        }

        var totalStates = 0;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var dfa = RuleDfas.GetValue(rule, r => ByteDeterminizer.Determinize(ByteNfaBuilder.Build(r.Body, RuleForItem)));
            totalStates += dfa.StateCount;
            if (totalStates > ByteDeterminizer.MaxStates)
            {
                throw new StructuredOutputException($"The grammar needs more than {ByteDeterminizer.MaxStates} automaton states.");
            }

            dfas.Add(dfa);
            foreach (var (callee, _) in dfa.Calls.SelectMany(c => c))
            {
                if (ruleIndex.TryAdd(callee, rules.Count))
                {
                    rules.Add(callee);
                }
            }
        }

        var calleeIndex = dfas.Select(d => d.Calls.Select(list => list.Select(c => (ruleIndex[c.Callee], c.Return)).ToArray()).ToArray()).ToArray();
        var live = GrammarTrimmer.LiveStates(dfas, calleeIndex);
        if (!live[0][0])
        {
            throw new StructuredOutputException("The grammar admits no text (no value satisfies the schema).");
        }

        GrammarTrimmer.RejectLeftRecursion(dfas, calleeIndex, live, rules.Select(r => r.Name).ToArray());
        var compiled = Assemble(dfas, calleeIndex, live);
        compiled.StateRule = dfas.SelectMany((dfa, rule) => Enumerable.Repeat(rule, dfa.StateCount)).ToArray();
        compiled.Rules = [.. dfas];
        return compiled;
    }

    private static CompiledGrammar Assemble(List<RuleDfa> dfas, (int Callee, int Return)[][][] calleeIndex, bool[][] live)
    {
        var offsets = new int[dfas.Count];
        for (var i = 1; i < dfas.Count; i++)
        {
            offsets[i] = offsets[i - 1] + dfas[i - 1].StateCount;
        }

        var stateCount = offsets[^1] + dfas[^1].StateCount;
        var boundaries = new bool[257];
        boundaries[0] = true;
        boundaries[256] = true;
        foreach (var (low, high, _) in dfas.SelectMany(d => d.Bytes).SelectMany(t => t))
        {
            boundaries[low] = true;
            boundaries[high + 1] = true;
        }

        var byteClass = new int[256];
        var classCount = 0;
        for (var b = 0; b < 256; b++)
        {
            if (boundaries[b] && b > 0)
            {
                classCount++;
            }

            byteClass[b] = classCount;
        }

        classCount++;
        var transitions = new int[stateCount * classCount];
        Array.Fill(transitions, -1);
        var accepting = new bool[stateCount];
        var calls = new (int, int)[stateCount][];
        var hasBytes = new bool[stateCount];
        for (var rule = 0; rule < dfas.Count; rule++)
        {
            var dfa = dfas[rule];
            for (var state = 0; state < dfa.StateCount; state++)
            {
                var global = offsets[rule] + state;
                accepting[global] = dfa.Accepting[state] && live[rule][state];
                calls[global] = live[rule][state]
                    ? calleeIndex[rule][state].Where(c => live[c.Callee][0] && live[rule][c.Return]).Select(c => (c.Callee, offsets[rule] + c.Return)).ToArray()
                    : [];
                foreach (var (low, high, target) in dfa.Bytes[state])
                {
                    if (live[rule][state] && live[rule][target])
                    {
                        hasBytes[global] = true;
                        for (int b = low; b <= high; b++)
                        {
                            transitions[global * classCount + byteClass[b]] = offsets[rule] + target;
                        }
                    }
                }
            }
        }

        return new CompiledGrammar(byteClass, classCount, transitions, accepting, calls, offsets, hasBytes);
    }
}

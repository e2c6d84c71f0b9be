using Granary.Structured.Expressions;
using Granary.Structured.Text;

namespace Granary.Structured.Automata;

/// <summary>
/// Builds the <see cref="ByteNfa"/> of one rule body. Bounded repetitions are unrolled; when an
/// unrolled item would be large, the item becomes a rule of its own and is called instead, so a
/// <c>maxItems: 500</c> array of big objects costs 500 small states, not 500 copies.
/// </summary>
internal sealed class ByteNfaBuilder
{
    /// <summary>NFA states one rule body may have (beyond: a 400, not an out-of-memory).</summary>
    public const int MaxStates = 400_000;

    private const int UnrollBudget = 4_000;

    private readonly ByteNfa _nfa = new();
    private readonly Func<GrammarExpression, GrammarRule> _ruleForItem;

    private ByteNfaBuilder(Func<GrammarExpression, GrammarRule> ruleForItem) => _ruleForItem = ruleForItem;

    /// <param name="ruleForItem">Gives the (memoized) rule standing for a repeated item too large to unroll.</param>
    public static ByteNfa Build(GrammarExpression body, Func<GrammarExpression, GrammarRule> ruleForItem)
    {
        var builder = new ByteNfaBuilder(ruleForItem);
        var nfa = builder._nfa;
        nfa.Start = nfa.AddState();
        nfa.Final = nfa.AddState();
        builder.Add(body, nfa.Start, nfa.Final);
        return nfa;
    }

    private int NewState()
    {
        if (_nfa.StateCount >= MaxStates)
        {
            throw new StructuredOutputException($"The grammar needs more than {MaxStates} automaton states.");
        }

        return _nfa.AddState();
    }

    private void Add(GrammarExpression expression, int from, int to)
    {
        switch (expression)
        {
            case LiteralExpression literal:
                AddLiteral(literal.Bytes, from, to);
                break;
            case SequenceExpression sequence:
                var current = from;
                for (var i = 0; i < sequence.Parts.Count; i++)
                {
                    var next = i == sequence.Parts.Count - 1 ? to : NewState();
                    Add(sequence.Parts[i], current, next);
                    current = next;
                }

                if (sequence.Parts.Count == 0)
                {
                    _nfa.AddEpsilon(from, to);
                }

                break;
            case ChoiceExpression choice:
                foreach (var option in choice.Options)
                {
                    // Own entry and exit states keep options' internal loops apart.
                    var (entry, exit) = (NewState(), NewState());
                    _nfa.AddEpsilon(from, entry);
                    Add(option, entry, exit);
                    _nfa.AddEpsilon(exit, to);
                }

                break;
            case RepeatExpression repeat:
                AddRepeat(repeat, from, to);
                break;
            case RuleExpression call:
                _nfa.AddCall(from, call.Rule, to);
                break;
            case TextExpression text:
                AddText(text, from, to);
                break;
            case ObjectMembersExpression members:
                AddMembers(members, from, to);
                break;
            default:
                throw new InvalidOperationException($"Unknown expression {expression.GetType().Name}.");
        }
    }

    private void AddLiteral(byte[] bytes, int from, int to)
    {
        if (bytes.Length == 0)
        {
            _nfa.AddEpsilon(from, to);
            return;
        }

        var current = from;
        for (var i = 0; i < bytes.Length; i++)
        {
            var next = i == bytes.Length - 1 ? to : NewState();
            _nfa.AddBytes(current, bytes[i], bytes[i], next);
            current = next;
        }
    }

    private void AddRepeat(RepeatExpression repeat, int from, int to)
    {
        var item = repeat.Item;
        var copies = repeat.Max ?? repeat.Min + 1;
        if (copies > 1)
        {
            var before = _nfa.StateCount;
            Add(item, NewState(), NewState()); // a detached probe copy, to measure the item's size
            if ((long)(_nfa.StateCount - before) * copies > UnrollBudget)
            {
                item = new RuleExpression(_ruleForItem(item));
            }
        }

        // Items are entered with a separator after the first: first item, then (separator item)*.
        var current = from;
        for (var i = 0; i < repeat.Min; i++)
        {
            current = AddItem(repeat, item, current, isFirst: i == 0);
        }

        if (repeat.Max is null)
        {
            var loop = NewState();
            _nfa.AddEpsilon(current, loop);
            _nfa.AddEpsilon(loop, to);
            var afterItem = AddItem(repeat, item, loop, isFirst: repeat.Min == 0);
            if (repeat.Min == 0 && repeat.Separator is not null)
            {
                // After the first item, further items need the separator.
                var again = NewState();
                _nfa.AddEpsilon(afterItem, again);
                _nfa.AddEpsilon(again, to);
                var afterNext = AddItem(repeat, item, again, isFirst: false);
                _nfa.AddEpsilon(afterNext, again);
            }
            else
            {
                _nfa.AddEpsilon(afterItem, loop);
            }

            return;
        }

        for (var i = repeat.Min; i < repeat.Max; i++)
        {
            _nfa.AddEpsilon(current, to);
            current = AddItem(repeat, item, current, isFirst: i == 0);
        }

        _nfa.AddEpsilon(current, to);
    }

    /// <summary>
    /// Two tracks: 'none yet' and 'some already' (which needs a separator first). Each member has
    /// one entry state that both tracks reach, so each member is built once.
    /// </summary>
    private void AddMembers(ObjectMembersExpression members, int from, int to)
    {
        var (noneYet, someAlready) = (from, NewState());
        foreach (var (member, required) in members.Members)
        {
            var entry = NewState();
            _nfa.AddEpsilon(noneYet, entry);
            Add(members.Separator, someAlready, entry);
            var after = NewState();
            Add(member, entry, after);
            if (required)
            {
                (noneYet, someAlready) = (NewState(), after); // the 'none yet' track ends here
            }
            else
            {
                var skipped = NewState();
                _nfa.AddEpsilon(noneYet, skipped);
                _nfa.AddEpsilon(someAlready, after);
                (noneYet, someAlready) = (skipped, after);
            }
        }

        _nfa.AddEpsilon(noneYet, to);
        _nfa.AddEpsilon(someAlready, to);
        if (members.ExtraMember is { } extra)
        {
            var entry = NewState();
            _nfa.AddEpsilon(noneYet, entry);
            Add(members.Separator, someAlready, entry);
            var after = NewState();
            Add(extra, entry, after);
            _nfa.AddEpsilon(after, someAlready);
            _nfa.AddEpsilon(after, to);
        }
    }

    private int AddItem(RepeatExpression repeat, GrammarExpression item, int from, bool isFirst)
    {
        var start = from;
        if (!isFirst && repeat.Separator is not null)
        {
            start = NewState();
            Add(repeat.Separator, from, start);
        }

        var end = NewState();
        Add(item, start, end);
        return end;
    }

    private void AddText(TextExpression text, int from, int to)
    {
        var dfa = text.Text;
        if (dfa.IsEmptyLanguage)
        {
            return; // no path from 'from' to 'to': the empty language
        }

        var states = Enumerable.Range(0, dfa.StateCount).Select(_ => NewState()).ToArray();
        _nfa.AddEpsilon(from, states[0]);
        for (var state = 0; state < dfa.StateCount; state++)
        {
            if (dfa.Accepting[state])
            {
                _nfa.AddEpsilon(states[state], to);
            }

            foreach (var group in dfa.Transitions[state].GroupBy(t => t.Target))
            {
                var set = group.Aggregate(CodePointSet.Empty, (all, t) => all.Union(t.Set));
                var sequences = text.Encoding == TextEncoding.Utf8
                    ? Utf8Sequences.Of(set).Select(s => s.Select(range => new[] { range }).ToArray()).ToList()
                    : JsonEscapeSequences.Of(set);
                AddSequences(sequences, states[state], states[group.Key]);
            }
        }
    }

    /// <summary>Adds byte-set sequences from one state to another, sharing common prefixes.</summary>
    private void AddSequences(List<(byte Low, byte High)[][]> sequences, int from, int to)
    {
        var shared = new Dictionary<(int, string), int>();
        foreach (var sequence in sequences)
        {
            var current = from;
            for (var i = 0; i < sequence.Length; i++)
            {
                var last = i == sequence.Length - 1;
                var key = (current, string.Join(';', sequence[i].Select(r => $"{r.Low}-{r.High}")));
                if (!last && shared.TryGetValue(key, out var existing))
                {
                    current = existing;
                    continue;
                }

                var next = last ? to : NewState();
                foreach (var (low, high) in sequence[i])
                {
                    _nfa.AddBytes(current, low, high, next);
                }

                if (!last)
                {
                    shared[key] = next;
                }

                current = next;
            }
        }
    }
}

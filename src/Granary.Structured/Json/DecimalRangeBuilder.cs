using Granary.Structured.Expressions;
using Granary.Structured.Text;

namespace Granary.Structured.Json;

/// <summary>
/// Numbers within bounds, digit by digit: while the digits so far equal a bound's digits the
/// next digit is limited by it, so every accepted prefix can still end inside the range.
/// Integers: exact integer ranges. Numbers with bounds: plain decimals (no exponent) with up to
/// <see cref="JsonNumbers.MaxFractionDigits"/> fraction digits. Unbounded sides stop at int64's
/// limits for integers and at <see cref="JsonNumbers.MaxIntegerDigits"/> digits for numbers
/// (or the bound's own length, if longer).
/// </summary>
internal static class DecimalRangeBuilder
{
    public static GrammarExpression Build(ExactDecimal? low, bool lowInclusive, ExactDecimal? high, bool highInclusive, bool integer)
    {
        if (integer)
        {
            // Integer bounds, made inclusive; an open side stops at int64's limit.
            var lowInt = low is { } l ? (lowInclusive ? l.Ceiling() : l.Floor() + 1) : long.MinValue;
            var highInt = high is { } h ? (highInclusive ? h.Floor() : h.Ceiling() - 1) : long.MaxValue;
            low = ExactDecimal.FromInteger(lowInt);
            high = ExactDecimal.FromInteger(highInt);
            lowInclusive = highInclusive = true;
        }

        var options = new List<GrammarExpression>();
        var zero = new ExactDecimal(false, 0, 0);
        if (high is not { Negative: true })
        {
            // Non-negative values: magnitudes from max(low, 0) up to high.
            var (from, fromInclusive) = low is { Negative: false } lo ? (lo, lowInclusive) : (zero, true);
            options.Add(new TextExpression(Magnitudes(from, fromInclusive, high, highInclusive, integer), TextEncoding.Utf8));
        }

        if (low is not { } lowBound || lowBound.Negative)
        {
            // Negative values: magnitudes above max(-high, 0) (never zero: no "-0") up to -low.
            var (from, fromInclusive) = high is { Negative: true } hn ? (hn.Abs(), highInclusive) : (zero, false);
            var magnitudes = Magnitudes(from, fromInclusive, low?.Abs(), lowInclusive, integer);
            options.Add(GrammarExpression.Sequence(GrammarExpression.Literal("-"), new TextExpression(magnitudes, TextEncoding.Utf8)));
        }

        return GrammarExpression.Choice(options);
    }

    private static CharDfa Magnitudes(ExactDecimal low, bool lowInclusive, ExactDecimal? high, bool highInclusive, bool integer)
    {
        var lowInt = low.IntegerDigits;
        var lowFraction = low.FractionDigits;
        var highInt = high?.IntegerDigits;
        var highFraction = high?.FractionDigits ?? "";
        var maxLength = highInt?.Length ?? Math.Max(JsonNumbers.MaxIntegerDigits, lowInt.Length);
        var nfa = new CharNfa();
        nfa.Start = nfa.AddState();
        nfa.Final = nfa.AddState();
        var states = new Dictionary<(int Length, int Position, bool TightLow, bool TightHigh), int>();

        bool CanEnd(int fractionDone, bool tightLow, bool tightHigh)
        {
            var lowRestZero = fractionDone >= lowFraction.Length;
            var highRestZero = fractionDone >= highFraction.Length;
            return (!tightLow || (lowRestZero && lowInclusive)) && (!tightHigh || !highRestZero || highInclusive);
        }

        // Position counts integer digits (0..length), then -1 - f for 'after the point, f fraction digits'.
        int StateOf(int length, int position, bool tightLow, bool tightHigh)
        {
            var key = (length, position, tightLow, tightHigh);
            if (states.TryGetValue(key, out var id))
            {
                return id;
            }

            id = nfa.AddState();
            states[key] = id;
            if (position >= 0 && position < length)
            {
                var lowDigit = tightLow ? lowInt.PadLeft(length, '0')[position] - '0' : 0;
                var highDigit = tightHigh ? highInt![position] - '0' : 9;
                for (var d = Math.Max(lowDigit, position == 0 && length > 1 ? 1 : 0); d <= highDigit; d++)
                {
                    nfa.AddEdge(id, CodePointSet.Single('0' + d), StateOf(length, position + 1, tightLow && d == lowDigit, tightHigh && d == highDigit));
                }

                return id;
            }

            var fractionDone = position == length ? 0 : -1 - position;
            if ((position == length || fractionDone > 0) && CanEnd(fractionDone, tightLow, tightHigh))
            {
                nfa.AddEpsilon(id, nfa.Final);
            }

            if (position == length && !integer)
            {
                nfa.AddEdge(id, CodePointSet.Single('.'), StateOf(length, -1, tightLow, tightHigh));
            }
            else if (position < 0 && fractionDone < JsonNumbers.MaxFractionDigits)
            {
                var lowDigit = tightLow && fractionDone < lowFraction.Length ? lowFraction[fractionDone] - '0' : 0;
                var highDigit = tightHigh ? (fractionDone < highFraction.Length ? highFraction[fractionDone] - '0' : 0) : 9;
                for (var d = lowDigit; d <= highDigit; d++)
                {
                    nfa.AddEdge(id, CodePointSet.Single('0' + d), StateOf(length, position - 1, tightLow && d == lowDigit, tightHigh && d == highDigit));
                }
            }

            return id;
        }

        for (var length = lowInt.Length; length <= maxLength; length++)
        {
            var tightHigh = highInt is not null && highInt.Length == length;
            nfa.AddEpsilon(nfa.Start, StateOf(length, 0, tightLow: true, tightHigh));
        }

        return CharDfaBuilder.Determinize(nfa);
    }
}

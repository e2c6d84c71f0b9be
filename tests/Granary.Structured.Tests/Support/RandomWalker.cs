using System.Text;

namespace Granary.Structured.Tests.Support;

/// <summary>
/// Generates by picking uniformly among the allowed tokens (EOS, when allowed, with a preference
/// that grows with length). Past <see cref="FreeSteps"/> it only takes tokens that shorten the
/// way to completion: a single-byte token on a shortest way always does, so the walk ends within
/// FreeSteps + (bytes to completion at that point) steps — a bound the walk asserts.
/// </summary>
internal sealed class RandomWalker(TokenVocabulary vocabulary, int seed)
{
    public const int FreeSteps = 60;

    private readonly Random _random = new(seed);
    private readonly TokenVocabulary _vocabulary = vocabulary;

    public sealed record Walk(string Text, List<int> Tokens, bool EndedWithEos);

    public Walk Generate(Grammar grammar, int eosToken, IReadOnlyList<byte[]> tokenBytes)
    {
        var matcher = new GrammarMatcher(grammar, _vocabulary);
        var mask = new ulong[matcher.MaskWords];
        var tokens = new List<int>();
        var bytes = new List<byte>();
        var limit = int.MaxValue;
        for (var step = 0; ; step++)
        {
            if (step > limit)
            {
                throw new InvalidOperationException($"the walk did not end within its bound of {limit} steps: {Encoding.UTF8.GetString([.. bytes])}");
            }

            matcher.FillAllowedTokens(mask);
            var allowed = MaskBits.SetBits(mask, _vocabulary.Size);
            var eosAllowed = allowed.Remove(eosToken);
            if (eosAllowed != matcher.IsComplete)
            {
                throw new InvalidOperationException("EOS allowed exactly when complete");
            }

            if (matcher.IsTerminated && allowed.Count > 0)
            {
                throw new InvalidOperationException("terminated, yet tokens other than EOS are allowed");
            }

            if (allowed.Count == 0)
            {
                if (!matcher.IsComplete)
                {
                    throw new InvalidOperationException($"dead end after: {Encoding.UTF8.GetString([.. bytes])}");
                }

                return new Walk(Encoding.UTF8.GetString([.. bytes]), tokens, matcher.AcceptToken(eosToken));
            }

            if (matcher.IsComplete && (step >= FreeSteps || _random.NextDouble() < Math.Min(0.9, 0.15 + (0.02 * step))))
            {
                return new Walk(Encoding.UTF8.GetString([.. bytes]), tokens, matcher.AcceptToken(eosToken));
            }

            int token;
            if (step < FreeSteps)
            {
                token = allowed[_random.Next(allowed.Count)];
            }
            else
            {
                if (limit == int.MaxValue)
                {
                    limit = step + matcher.BytesToCompletion;
                }

                token = Closest(matcher, allowed, tokenBytes);
            }

            if (!matcher.AcceptToken(token))
            {
                throw new InvalidOperationException($"token {token} was allowed by the mask but not accepted");
            }

            tokens.Add(token);
            bytes.AddRange(tokenBytes[token]);
        }
    }

    /// <summary>Among single-byte tokens and a sample of others, one that leaves the fewest bytes to completion.</summary>
    private int Closest(GrammarMatcher matcher, List<int> allowed, IReadOnlyList<byte[]> tokenBytes)
    {
        var candidates = allowed.Where(t => tokenBytes[t].Length == 1).Concat(Enumerable.Range(0, 32).Select(_ => allowed[_random.Next(allowed.Count)]));
        var best = -1;
        var bestDistance = int.MaxValue;
        foreach (var token in candidates)
        {
            var fork = matcher.Clone();
            if (fork.AcceptToken(token) && fork.BytesToCompletion < bestDistance)
            {
                (best, bestDistance) = (token, fork.BytesToCompletion);
            }
        }

        return best;
    }
}

using Granary.Structured.Runtime;

namespace Granary.Structured;

/// <summary>
/// Follows one sequence through a grammar, token by token, and says which tokens may come next.
/// Not thread-safe; <see cref="Clone"/> is O(1) for n&gt;1 forks (the state is one shared, immutable object).
/// </summary>
public sealed class GrammarMatcher
{
    private readonly GrammarRuntime _runtime;
    private readonly TokenVocabulary _vocabulary;
    private LazyState _state;
    private bool _ended;

    public GrammarMatcher(Grammar grammar, TokenVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = vocabulary;
        _runtime = vocabulary.RuntimeFor(grammar.Compiled);
        _state = _runtime.Start;
    }

    private GrammarMatcher(GrammarMatcher source)
    {
        _vocabulary = source._vocabulary;
        _runtime = source._runtime;
        _state = source._state;
        _ended = source._ended;
    }

    /// <summary>Words a mask needs: (vocabulary size + 63) / 64.</summary>
    public int MaskWords => _vocabulary.MaskWords;

    /// <summary>A whole sentence of the grammar has been matched: EOS is allowed now.</summary>
    public bool IsComplete => _ended || _state.IsComplete;

    /// <summary>Complete, and nothing but EOS can follow.</summary>
    public bool IsTerminated => _ended || (_state.IsComplete && _state.Positions.Length == 0);

    /// <summary>
    /// Sets bit t of <paramref name="mask"/> when token t may come next, clears every other bit
    /// (of the first <see cref="MaskWords"/> words). EOS only when complete; special tokens never.
    /// After EOS was accepted only EOS stays allowed.
    /// </summary>
    public void FillAllowedTokens(Span<ulong> mask)
    {
        if (mask.Length < MaskWords)
        {
            throw new ArgumentException($"The mask needs {MaskWords} words.", nameof(mask));
        }

        if (_ended)
        {
            mask[..MaskWords].Clear();
            foreach (var eos in _vocabulary.EosTokenIds)
            {
                mask[eos >> 6] |= 1UL << eos;
            }

            return;
        }

        _runtime.MaskOf(_state).AsSpan().CopyTo(mask);
    }

    /// <summary>
    /// As <see cref="FillAllowedTokens(Span{ulong})"/>, for a sequence that may take at most
    /// <paramref name="tokensLeft"/> more tokens (this one included): near the end of that budget
    /// only tokens after which the grammar can still end in time stay allowed, so the output ends
    /// whole whenever <see cref="TokensToCompletion"/> fit at the start. Where nothing allowed could
    /// go beyond the budget the mask is exactly the unsteered one. When even the shortest way no
    /// longer fits, the tokens that bring the end one token nearer stay.
    /// </summary>
    public void FillAllowedTokens(Span<ulong> mask, int tokensLeft)
    {
        if (_ended || tokensLeft >= int.MaxValue / 4)
        {
            FillAllowedTokens(mask);
            return;
        }

        if (mask.Length < MaskWords)
        {
            throw new ArgumentException($"The mask needs {MaskWords} words.", nameof(mask));
        }

        _runtime.FillSteered(_state, Math.Max(1, tokensLeft), mask[..MaskWords]);
    }

    /// <summary>
    /// The fewest tokens of this vocabulary that end the grammar from here: a shortest byte path to
    /// the end spelled in as few tokens as it takes, plus EOS unless nothing could follow (0 then,
    /// and after EOS).
    /// </summary>
    public int TokensToCompletion => _ended ? 0 : _runtime.TokensToEnd(_state);

    /// <summary>Advances by the token; false (and no change) when the token is not allowed now.</summary>
    public bool AcceptToken(int tokenId)
    {
        if (tokenId < 0 || tokenId >= _vocabulary.Size)
        {
            return false;
        }

        if (Array.BinarySearch(_vocabulary.EosTokenIds, tokenId) >= 0)
        {
            if (!IsComplete)
            {
                return false;
            }

            _ended = true;
            return true;
        }

        return !_ended && !_vocabulary.Excluded[tokenId] && AcceptBytes(_vocabulary.TokenBytes[tokenId]);
    }

    /// <summary>
    /// Advances by raw bytes — text that was generated before this grammar applied (a tool call's
    /// opening marker, say); false (and no change) when they do not fit.
    /// </summary>
    public bool AcceptBytes(ReadOnlySpan<byte> bytes)
    {
        if (_ended)
        {
            return bytes.IsEmpty;
        }

        var state = _state;
        foreach (var value in bytes)
        {
            state = _runtime.Step(state, value);
            if (state.IsDead)
            {
                return false;
            }
        }

        _state = state;
        return true;
    }

    public GrammarMatcher Clone() => new(this);

    /// <summary>The fewest bytes that complete the grammar from here (0 when complete).</summary>
    internal int BytesToCompletion
    {
        get
        {
            if (IsComplete)
            {
                return 0;
            }

            var distances = _runtime.Grammar.Distances.ToRuleEnd;
            var best = int.MaxValue;
            foreach (var (state, stack) in _state.Positions)
            {
                long total = distances[state];
                for (var frame = stack; frame is not null; frame = frame.Parent)
                {
                    total += distances[frame.ReturnState];
                }

                best = (int)Math.Min(best, total);
            }

            return best;
        }
    }
}

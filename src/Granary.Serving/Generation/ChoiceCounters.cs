using Granary.Engine.Abstractions;

namespace Granary.Serving.Generation;

/// <summary>
/// Completion tokens per choice while a generation streams: tokens seen so far, replaced by the
/// engine's exact count when the choice finishes. Sums to the usage's completion_tokens.
/// </summary>
internal sealed class ChoiceCounters
{
    private readonly Dictionary<int, int> _tokens = [];

    /// <summary>Counts the delta in and returns its choice's count so far.</summary>
    public int Apply(GenerationEvent delta)
    {
        var count = delta.FinishReason is not null
            ? delta.CompletionTokens
            : _tokens.GetValueOrDefault(delta.Choice) + delta.TokenIds.Length;
        _tokens[delta.Choice] = count;
        return count;
    }

    public int Total => _tokens.Values.Sum();
}

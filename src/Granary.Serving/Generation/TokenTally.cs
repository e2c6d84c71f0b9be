using Granary.Engine.Abstractions;

namespace Granary.Serving.Generation;

/// <summary>
/// A generation's token counts as its events go by: prompt tokens, each choice's generated tokens (the
/// engine's exact count once the choice finishes) and how the choices finished. Read after the response.
/// </summary>
internal sealed class TokenTally(IReadOnlyList<PromptInfo> prompts)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(int Prompt, int Choice), int> _generated = [];
    private readonly SortedSet<FinishReason> _finishReasons = [];

    public int PromptTokens => prompts.Sum(p => p.TokenCount);

    public int CompletionTokens
    {
        get
        {
            lock (_lock) return _generated.Values.Sum();
        }
    }

    /// <summary>The distinct finish reasons of the finished choices; empty while none finished.</summary>
    public IReadOnlyList<FinishReason> FinishReasons
    {
        get
        {
            lock (_lock) return [.. _finishReasons];
        }
    }

    public void Observe(IndexedEvent item)
    {
        var delta = item.Event;
        var key = (item.PromptIndex, delta.Choice);
        lock (_lock)
        {
            if (delta.FinishReason is { } reason)
            {
                _generated[key] = delta.CompletionTokens;
                _finishReasons.Add(reason);
            }
            else
            {
                _generated[key] = _generated.GetValueOrDefault(key) + delta.TokenIds.Length;
            }
        }
    }
}

namespace Granary.Tokenization.Models;

/// <summary>The BPE settings of tokenizer.json's "model" object.</summary>
internal sealed record BpeOptions
{
    public string? UnknownToken { get; init; }

    public bool FuseUnknown { get; init; }

    public bool ByteFallback { get; init; }

    /// <summary>A split that is itself a vocabulary entry becomes that one token, without merging (Llama 3).</summary>
    public bool IgnoreMerges { get; init; }

    public string? ContinuingSubwordPrefix { get; init; }

    public string? EndOfWordSuffix { get; init; }
}

namespace Granary.Engine.Attention;

/// <summary>
/// How one layer's attention scores are formed (vLLM's Attention arguments): the score scale, an
/// optional tanh soft cap on the scaled scores (Gemma 2), and an optional sliding window.
/// </summary>
internal sealed record AttentionParameters(double Scale, double? LogitSoftCap = null, int? SlidingWindow = null)
{
    /// <summary>Plain 1/√d scaling, no cap: the form SDPA computes by itself.</summary>
    public bool IsStandard(long headDim) => LogitSoftCap is null && Scale == 1.0 / Math.Sqrt(headDim);
}

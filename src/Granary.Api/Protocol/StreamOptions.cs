namespace Granary.Api.Protocol;

/// <summary>OpenAI's stream_options plus vLLM's continuous_usage_stats.</summary>
internal sealed record StreamOptions(bool IncludeUsage, bool ContinuousUsageStats)
{
    /// <summary>vLLM only reports per-chunk usage when the final usage chunk was asked for too.</summary>
    public bool UsageInEveryChunk => IncludeUsage && ContinuousUsageStats;
}

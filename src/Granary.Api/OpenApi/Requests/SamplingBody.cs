using System.Text.Json.Nodes;

namespace Granary.Api.OpenApi.Requests;

/// <summary>The sampling, stopping and label fields both generation bodies accept (SamplingFieldsReader, CommonFieldsReader).</summary>
internal abstract record SamplingBody
{
    public int? N { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopK { get; init; }
    public double? MinP { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }
    public double? RepetitionPenalty { get; init; }
    public long? Seed { get; init; }
    public int? MaxTokens { get; init; }
    public int? MinTokens { get; init; }

    [OneOf(typeof(string), typeof(string[]))]
    public JsonNode? Stop { get; init; }

    public int[]? StopTokenIds { get; init; }
    public bool? IgnoreEos { get; init; }
    public bool? IncludeStopStrInOutput { get; init; }
    public bool? SkipSpecialTokens { get; init; }
    public bool? SpacesBetweenSpecialTokens { get; init; }
    public Dictionary<string, double>? LogitBias { get; init; }
    public string? User { get; init; }
    public string? ServiceTier { get; init; }
    public string? PromptCacheKey { get; init; }
    public string? SafetyIdentifier { get; init; }
    public bool? Store { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }
}

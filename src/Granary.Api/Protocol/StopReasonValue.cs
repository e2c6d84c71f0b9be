using System.Text.Json.Serialization;

namespace Granary.Api.Protocol;

/// <summary>vLLM's stop_reason: the stop string that matched, or the stop token id as a JSON integer.</summary>
[JsonConverter(typeof(StopReasonValueConverter))]
internal readonly record struct StopReasonValue(string? Text, int? TokenId)
{
    public static StopReasonValue? From(string? text, int? tokenId) =>
        text is null && tokenId is null ? null : new StopReasonValue(text, tokenId);
}

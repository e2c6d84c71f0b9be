using System.Text.Json.Serialization;

namespace Granary.Api.Protocol;

/// <summary>One served model in NIM's /v1/metadata.</summary>
internal sealed record NimModelInfo(
    [property: JsonPropertyName("shortName")] string ShortName,
    [property: JsonPropertyName("modelUrl")] string ModelUrl);

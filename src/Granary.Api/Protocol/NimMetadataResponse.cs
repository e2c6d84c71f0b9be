using System.Text.Json.Serialization;

namespace Granary.Api.Protocol;

/// <summary>NIM's GET /v1/metadata: the release and the models it serves (NIM spells these fields in camelCase).</summary>
internal sealed record NimMetadataResponse(
    string Version,
    [property: JsonPropertyName("modelInfo")] IReadOnlyList<NimModelInfo> ModelInfo);

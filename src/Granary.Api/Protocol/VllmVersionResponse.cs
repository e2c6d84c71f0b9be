namespace Granary.Api.Protocol;

/// <summary>vLLM's GET /version.</summary>
internal sealed record VllmVersionResponse(string Version);

namespace Granary.Bench.Clients;

/// <summary>A model as GET /v1/models lists it: its id, its root (vLLM's and Granary's folder path) and context window.</summary>
internal sealed record ServedModel(string Id, string? Root, int? MaxModelLength);

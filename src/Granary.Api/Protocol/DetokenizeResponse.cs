namespace Granary.Api.Protocol;

/// <summary>vLLM's POST /detokenize answer.</summary>
internal sealed record DetokenizeResponse(string Prompt);

namespace Granary.Api.Protocol;

/// <summary>vLLM's POST /detokenize body.</summary>
internal sealed record DetokenizeRequest(string? Model, int[] Tokens);

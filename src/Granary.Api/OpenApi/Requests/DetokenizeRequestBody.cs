namespace Granary.Api.OpenApi.Requests;

/// <summary>vLLM's POST /detokenize body.</summary>
internal sealed record DetokenizeRequestBody(string? Model, int[] Tokens);

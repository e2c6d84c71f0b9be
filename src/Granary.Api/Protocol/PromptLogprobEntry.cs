namespace Granary.Api.Protocol;

/// <summary>vLLM's prompt_logprobs value for one candidate token at a prompt position.</summary>
internal sealed record PromptLogprobEntry(double Logprob, int? Rank, string DecodedToken);

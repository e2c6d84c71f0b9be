namespace Granary.Api.Protocol;

/// <summary>One generated token of chat logprobs, with its top alternatives.</summary>
internal sealed record ChatLogprobToken(string Token, double Logprob, IReadOnlyList<int>? Bytes, IReadOnlyList<ChatTopLogprob> TopLogprobs);

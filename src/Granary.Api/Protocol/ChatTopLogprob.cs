namespace Granary.Api.Protocol;

/// <summary>One alternative at a position of chat logprobs; bytes are the token's UTF-8 as integers.</summary>
internal sealed record ChatTopLogprob(string Token, double Logprob, IReadOnlyList<int>? Bytes);

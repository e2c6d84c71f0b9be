namespace Granary.Api.Protocol;

/// <summary>Chat logprobs: the generated tokens in order.</summary>
internal sealed record ChatLogprobs(IReadOnlyList<ChatLogprobToken> Content);

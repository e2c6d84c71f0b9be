namespace Granary.Api.Protocol;

/// <summary>One choice of a whole chat completion.</summary>
internal sealed record ChatChoice
{
    public required int Index { get; init; }
    public required ChatResponseMessage Message { get; init; }
    public ChatLogprobs? Logprobs { get; init; }
    public string? FinishReason { get; init; }
    public StopReasonValue? StopReason { get; init; }
}

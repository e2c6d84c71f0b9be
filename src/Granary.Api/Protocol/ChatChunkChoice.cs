namespace Granary.Api.Protocol;

/// <summary>One choice's part of a streamed chat chunk.</summary>
internal sealed record ChatChunkChoice
{
    public required int Index { get; init; }
    public required ChatDelta Delta { get; init; }
    public ChatLogprobs? Logprobs { get; init; }
    public string? FinishReason { get; init; }
    public StopReasonValue? StopReason { get; init; }
}

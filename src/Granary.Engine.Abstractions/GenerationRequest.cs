namespace Granary.Engine.Abstractions;

/// <summary>One prompt to complete with <see cref="SamplingParams.N"/> choices.</summary>
[GenerateSerializer, Immutable, Alias("granary.generation-request")]
public sealed record GenerationRequest
{
    [Id(0)] public required string RequestId { get; init; }
    [Id(1)] public required PromptInput Prompt { get; init; }
    [Id(2)] public SamplingParams Sampling { get; init; } = new();

    /// <summary>Return the prompt's token ids (and text) in the first event, for echo.</summary>
    [Id(3)] public bool ReturnPrompt { get; init; }
}

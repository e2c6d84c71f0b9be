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

    /// <summary>Constrains the text to JSON, a schema, a regex or choices; null for free text.</summary>
    [Id(4)] public StructuredOutput? Structure { get; init; }

    /// <summary>How the model may use the chat's tools (<see cref="ChatPrompt.ToolsJson"/>); null means auto when tools are given.</summary>
    [Id(5)] public ToolChoice? ToolChoice { get; init; }

    [Id(6)] public bool ParallelToolCalls { get; init; } = true;

    /// <summary>Continue a request another replica was serving from what its client received; null for a new request.</summary>
    [Id(7)] public ResumePoint? Resume { get; init; }
}

namespace Granary.Engine.Abstractions;

/// <summary>
/// A piece of one tool call, in OpenAI's streaming shape: the first piece of call <see cref="Index"/>
/// carries its id and function name; later pieces carry argument text. Concatenating a call's
/// argument pieces gives its complete JSON arguments.
/// </summary>
[GenerateSerializer, Immutable, Alias("granary.tool-call-delta")]
public sealed record ToolCallDelta
{
    [Id(0)] public required int Index { get; init; }
    [Id(1)] public string? Id { get; init; }
    [Id(2)] public string? Name { get; init; }
    [Id(3)] public string Arguments { get; init; } = "";
}

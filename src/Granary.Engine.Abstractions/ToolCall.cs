namespace Granary.Engine.Abstractions;

/// <summary>A function call the assistant made: arguments are the JSON text the model produced.</summary>
[GenerateSerializer, Immutable, Alias("granary.tool-call")]
public sealed record ToolCall
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public string Type { get; init; } = "function";
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required string Arguments { get; init; }
}

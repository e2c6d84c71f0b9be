namespace Granary.Engine.Abstractions;

/// <summary>vLLM's /tokenize answer.</summary>
[GenerateSerializer, Immutable, Alias("granary.tokenize-result")]
public sealed record TokenizeResult
{
    [Id(0)] public required int[] Tokens { get; init; }
    [Id(1)] public required int MaxModelLength { get; init; }
    [Id(2)] public string[]? TokenStrings { get; init; }
}

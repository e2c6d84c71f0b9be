namespace Granary.Engine.Abstractions;

/// <summary>A served model as /v1/models describes it, plus its context window.</summary>
[GenerateSerializer, Immutable, Alias("granary.model-card")]
public sealed record ModelCard
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required int MaxModelLength { get; init; }
    [Id(2)] public string Root { get; init; } = "";
    [Id(3)] public long Created { get; init; }
    [Id(4)] public string OwnedBy { get; init; } = "granary";
}

namespace Granary.Engine.Abstractions;

/// <summary>A served model as /v1/models describes it, plus its context window (0 while not yet known).</summary>
[GenerateSerializer, Immutable, Alias("granary.model-card")]
public sealed record ModelCard
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required int MaxModelLength { get; init; }
    [Id(2)] public string Root { get; init; } = "";
    [Id(3)] public long Created { get; init; }
    [Id(4)] public string OwnedBy { get; init; } = "granary";

    /// <summary>Live replicas, when a cluster lists the model (an engine leaves it null).</summary>
    [Id(5)] public int? Replicas { get; init; }

    /// <summary>The model's state when a cluster lists it: see <see cref="ModelStates"/>.</summary>
    [Id(6)] public string? State { get; init; }

    /// <summary>Whether chat messages may carry image_url parts (the model has a vision tower).</summary>
    [Id(7)] public bool AcceptsImages { get; init; }
}

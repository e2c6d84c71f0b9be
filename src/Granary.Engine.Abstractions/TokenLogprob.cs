namespace Granary.Engine.Abstractions;

/// <summary>A token's log-probability and the top alternatives at its position.</summary>
[GenerateSerializer, Immutable, Alias("granary.token-logprob")]
public sealed record TokenLogprob
{
    [Id(0)] public required int TokenId { get; init; }
    [Id(1)] public required string Token { get; init; }
    [Id(2)] public required double Logprob { get; init; }
    [Id(3)] public required byte[] Bytes { get; init; }
    [Id(4)] public TopLogprob[] Top { get; init; } = [];
}

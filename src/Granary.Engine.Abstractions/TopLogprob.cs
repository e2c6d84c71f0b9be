namespace Granary.Engine.Abstractions;

/// <summary>One of the most likely tokens at a position.</summary>
[GenerateSerializer, Immutable, Alias("granary.top-logprob")]
public sealed record TopLogprob(
    [property: Id(0)] int TokenId,
    [property: Id(1)] string Token,
    [property: Id(2)] double Logprob,
    [property: Id(3)] byte[] Bytes);

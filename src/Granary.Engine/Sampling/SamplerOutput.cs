namespace Granary.Engine.Sampling;

/// <summary>Sampled token per row and, for rows that asked, raw logprobs of it and the top alternatives.</summary>
internal sealed record SamplerOutput(int[] TokenIds, float[]? SampledLogprobs, long[][]? TopIds, float[][]? TopLogprobs);

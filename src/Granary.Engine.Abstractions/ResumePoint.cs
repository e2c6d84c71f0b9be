namespace Granary.Engine.Abstractions;

/// <summary>
/// Where a request that another replica stopped serving stands, as its client saw it: one entry per
/// choice. A replica given a resume point continues each unfinished choice from there, so the rest
/// of the stream is what the interrupted replica would have sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("granary.resume-point")]
public sealed record ResumePoint
{
    /// <summary>Per choice, in choice order; as many as <see cref="SamplingParams.N"/>.</summary>
    [Id(0)] public required ChoiceProgress[] Choices { get; init; }
}

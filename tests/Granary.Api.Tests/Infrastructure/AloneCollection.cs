namespace Granary.Api.Tests.Infrastructure;

/// <summary>Tests that keep both cores busy for seconds run alone, so they do not starve others' timeouts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}

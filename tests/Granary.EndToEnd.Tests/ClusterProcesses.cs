namespace Granary.EndToEnd.Tests;

/// <summary>Tests that run clusters of processes take turns: two cores do not fit two clusters and their timings.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterProcesses
{
    public const string Name = "cluster processes";
}

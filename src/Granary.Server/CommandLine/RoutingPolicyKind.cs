namespace Granary.Server.CommandLine;

/// <summary>How a gateway picks a replica (--routing).</summary>
internal enum RoutingPolicyKind
{
    /// <summary>Expected cached prompt tokens against load (the default).</summary>
    Prefix,

    /// <summary>Least loaded only: the baseline prefix-aware routing is measured against.</summary>
    Load,
}

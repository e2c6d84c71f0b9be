namespace Granary.Server.CommandLine;

/// <summary>Where silos find each other: the membership store.</summary>
internal enum ClusteringKind
{
    /// <summary>Loopback only: one process, or several on one machine via --primary-silo.</summary>
    Localhost,

    Redis,

    /// <summary>A SQL database through ADO.NET (PostgreSQL via Npgsql).</summary>
    AdoNet,
}

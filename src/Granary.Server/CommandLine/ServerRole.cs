namespace Granary.Server.CommandLine;

/// <summary>What one process of the cluster does.</summary>
internal enum ServerRole
{
    /// <summary>HTTP front-end and model engines in one silo (the default, single process).</summary>
    All,

    /// <summary>HTTP front-end only: a silo that carries no models.</summary>
    Gateway,

    /// <summary>Model engines only: a silo without the public API (health endpoints only).</summary>
    Worker,
}

namespace Granary.Engine.Abstractions;

/// <summary>What a cluster says of a model it lists.</summary>
public static class ModelStates
{
    /// <summary>At least one replica takes requests.</summary>
    public const string Ready = "ready";

    /// <summary>A worker that serves it is up, but none of its replicas takes requests yet.</summary>
    public const string Loading = "loading";

    /// <summary>Its replicas are finishing their requests before they stop.</summary>
    public const string Draining = "draining";

    /// <summary>Served before, but no live replica right now.</summary>
    public const string Unavailable = "unavailable";
}

namespace Granary.Serving;

/// <summary>The <c>code</c> of a 503: each transient reason a request cannot be served has its own.</summary>
public static class UnavailableCodes
{
    /// <summary>A worker that serves the model is up, but its replicas are still loading.</summary>
    public const string ModelLoading = "model_loading";

    /// <summary>The model was served, but no replica is live right now (its workers stopped or died).</summary>
    public const string NoReplica = "no_replica";

    /// <summary>Every replica of the model is shutting down and takes no new requests.</summary>
    public const string ReplicasDraining = "replicas_draining";

    /// <summary>The replica serving the request went away and no other took it over in time.</summary>
    public const string ReplicaLost = "replica_lost";

    /// <summary>This server is shutting down and takes no new requests.</summary>
    public const string ShuttingDown = "shutting_down";
}

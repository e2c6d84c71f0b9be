namespace Granary.Grains.Abstractions;

/// <summary>
/// A replica stopped serving a request it had started (its silo is shutting down and the grace
/// period ran out). Nothing went wrong with the request: the caller resumes it on another replica.
/// </summary>
[GenerateSerializer, Alias("granary.replica-unavailable")]
public sealed class ReplicaUnavailableException(string message) : Exception(message);

namespace Granary.Grpc.Health;

/// <summary>
/// The service names grpc.health.v1 answers for. "" and the inference service are SERVING once the
/// cluster is ready (every served model has a replica that has produced a token), as NIM's
/// /v1/health/ready; "liveness" is SERVING whenever the process answers, as /v1/health/live.
/// </summary>
internal static class HealthServiceNames
{
    public const string Server = "";
    public const string Inference = "granary.v1.InferenceService";
    public const string Liveness = "liveness";

    /// <summary>Tags that keep these checks apart from any the composing server registers.</summary>
    public const string ReadyTag = "granary-grpc-ready";
    public const string LiveTag = "granary-grpc-live";
}

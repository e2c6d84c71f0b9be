namespace Granary.Grpc.Errors;

/// <summary>
/// Trailer keys that carry what the HTTP API puts in its error body's <c>param</c> and <c>code</c>, so
/// that gRPC clients can tell errors apart without parsing messages.
/// </summary>
internal static class ErrorTrailers
{
    public const string Param = "granary-error-param";
    public const string Code = "granary-error-code";
}

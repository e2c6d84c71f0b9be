namespace Granary.Serving.Requests;

/// <summary>
/// A request that breaks one of the serving rules (<see cref="SamplingRules"/>, <see cref="Ranges"/>).
/// Each front end answers it in its own shape: HTTP 400 with <c>param</c>, gRPC INVALID_ARGUMENT with
/// the field, both with <see cref="Code"/>.
/// </summary>
public sealed class InvalidRequestException(string message, string field, string code) : Exception(message)
{
    /// <summary>The offending field, as the front end named it (<c>top_p</c> over HTTP, <c>sampling.top_p</c> over gRPC).</summary>
    public string Field { get; } = field;

    public string Code { get; } = code;
}

namespace Granary.Api.OpenApi;

/// <summary>
/// Endpoint metadata: the JSON body the endpoint's reader accepts, for /openapi.json only. Not
/// <c>Accepts&lt;T&gt;</c>: that makes routing match on Content-Type, so a wrong or missing one would
/// answer 404 instead of the reader's 415 (or its lenient read of a body sent without one).
/// </summary>
internal sealed record RequestBody(Type Body);

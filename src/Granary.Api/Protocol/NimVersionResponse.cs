namespace Granary.Api.Protocol;

/// <summary>NIM's GET /v1/version: the server's release and the API version it speaks.</summary>
internal sealed record NimVersionResponse(string Release, string Api);

namespace Granary.Api.Errors;

/// <summary><c>{"error": {...}}</c>: the one error shape every endpoint answers with, streams included.</summary>
internal sealed record ErrorEnvelope(ErrorBody Error);

namespace Granary.Api;

/// <summary>The model is known but cannot take requests right now (no live replica); reported as 503.</summary>
public sealed class ServiceUnavailableException(string message) : Exception(message);

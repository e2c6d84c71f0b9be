namespace Granary.Api.Protocol;

/// <summary>The function half of a tool call; arguments are JSON text.</summary>
internal sealed record ChatResponseFunction(string Name, string Arguments);

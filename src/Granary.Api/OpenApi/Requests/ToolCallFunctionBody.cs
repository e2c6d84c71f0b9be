namespace Granary.Api.OpenApi.Requests;

/// <summary>The function of a sent-back tool call; <c>arguments</c> is JSON text, as OpenAI sends it.</summary>
internal sealed record ToolCallFunctionBody(string Name, string Arguments);

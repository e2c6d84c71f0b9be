namespace Granary.Api.OpenApi.Requests;

/// <summary>A call an earlier assistant message made, sent back in <c>tool_calls</c>.</summary>
internal sealed record ToolCallBody(string Id, string? Type, ToolCallFunctionBody Function, int? Index);

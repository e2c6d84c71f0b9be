using Granary.Engine.Abstractions;

namespace Granary.Api.Protocol;

/// <summary>An assistant's function call in the conversation history.</summary>
internal sealed record ToolCallParam(string Id, string FunctionName, string Arguments)
{
    public ToolCall ToToolCall() => new() { Id = Id, Type = "function", Name = FunctionName, Arguments = Arguments };
}

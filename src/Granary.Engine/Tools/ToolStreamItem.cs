using Granary.Engine.Abstractions;

namespace Granary.Engine.Tools;

/// <summary>One piece of parsed output, in order: content text, or a piece of a tool call.</summary>
internal readonly record struct ToolStreamItem(string? Content, ToolCallDelta? Call)
{
    public static ToolStreamItem Text(string content) => new(content, null);

    public static ToolStreamItem ToolCall(ToolCallDelta call) => new(null, call);
}

using Granary.Engine.Abstractions;

namespace Granary.Api.Generation;

/// <summary>OpenAI's finish_reason strings (vLLM adds "abort").</summary>
internal static class FinishReasons
{
    public static string? ToWire(FinishReason? reason) => reason switch
    {
        null => null,
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        FinishReason.ToolCalls => "tool_calls",
        _ => "abort",
    };
}

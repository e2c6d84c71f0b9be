using Granary.Engine.Abstractions;
using Granary.Engine.Tools;

namespace Granary.Engine.Serving;

/// <summary>
/// Requests that only a grammar can honour — forced tool calls and structured outputs — are refused
/// until the sampler enforces grammars, rather than served unconstrained. Delete this gate (and its
/// call in <see cref="LlmEngine"/>) when constrained decoding is wired in.
/// </summary>
internal static class ConstrainedDecodingGate
{
    public static void Check(GenerationRequest request, ToolCallPlan? toolCalls)
    {
        if (toolCalls is { CallsRequired: true })
        {
            throw new EngineRequestException(
                $"Forcing tool calls (tool_choice '{(toolCalls.Choice.Mode == ToolChoiceMode.Named ? "function" : "required")}') needs constrained decoding, which this engine does not have yet.",
                "tool_choice");
        }
        if (request.Structure is { } structure)
        {
            throw new EngineRequestException(
                $"Structured outputs ({structure.Kind}) need constrained decoding, which this engine does not have yet.",
                "response_format");
        }
    }
}

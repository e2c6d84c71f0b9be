using Granary.Engine.Abstractions;

namespace Granary.Engine.Tools;

/// <summary>
/// Checks a request's tools and tool_choice against each other and against the model's tool call
/// format, and makes the request's <see cref="ToolCallPlan"/>; its errors are the client's (400).
/// </summary>
internal sealed class ToolCallPlanner(ToolCallFormatResolver formats, Func<string, bool> isSpecialToken)
{
    /// <returns>The plan, or null when the output is plain text (no tools, or tool_choice none).</returns>
    /// <exception cref="EngineRequestException">tool_choice needs tools that are not there, or the model has no parseable tool call format.</exception>
    public ToolCallPlan? Plan(GenerationRequest request)
    {
        var chat = request.Prompt.Chat;
        var tools = chat?.ToolsJson is { } json ? ToolDefinition.ParseAll(json) : [];
        // OpenAI: with tools and no tool_choice the model may call them (auto).
        var choice = request.ToolChoice ?? (tools.Count > 0 ? ToolChoice.Auto : ToolChoice.None);
        if (choice.Mode == ToolChoiceMode.None) return null;
        if (tools.Count == 0)
        {
            if (choice.Mode == ToolChoiceMode.Auto) return null;
            throw new EngineRequestException($"tool_choice '{Describe(choice)}' needs the request to give tools.", "tool_choice");
        }
        if (choice.Mode == ToolChoiceMode.Named && tools.All(t => t.Name != choice.FunctionName))
        {
            throw new EngineRequestException(
                $"tool_choice names the function '{choice.FunctionName}', which is not among the request's tools ({string.Join(", ", tools.Select(t => t.Name))}).",
                "tool_choice");
        }

        var format = formats.Resolve(chat!.ChatTemplate) ?? throw new EngineRequestException(
            "This model's chat template does not write tool calls in a format this server can read (hermes or llama3_json), " +
            "so tools cannot be called; send tool_choice \"none\", or a chat_template that teaches one of those formats.",
            "tools");
        return new ToolCallPlan(format, choice, tools, request.ParallelToolCalls)
        {
            KeepSpecialTokens = format.Syntax.MarkerTokens.Any(isSpecialToken),
        };
    }

    private static string Describe(ToolChoice choice) =>
        choice.Mode == ToolChoiceMode.Named ? $"function {choice.FunctionName}" : choice.Mode.ToString().ToLowerInvariant();
}

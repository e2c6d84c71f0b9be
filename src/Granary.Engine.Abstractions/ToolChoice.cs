namespace Granary.Engine.Abstractions;

/// <summary>OpenAI's tool_choice: none, auto, required, or one named function.</summary>
[GenerateSerializer, Immutable, Alias("granary.tool-choice")]
public sealed record ToolChoice
{
    [Id(0)] public required ToolChoiceMode Mode { get; init; }

    /// <summary>The function the model must call, for <see cref="ToolChoiceMode.Named"/>.</summary>
    [Id(1)] public string? FunctionName { get; init; }

    public static ToolChoice None { get; } = new() { Mode = ToolChoiceMode.None };

    public static ToolChoice Auto { get; } = new() { Mode = ToolChoiceMode.Auto };

    public static ToolChoice Required { get; } = new() { Mode = ToolChoiceMode.Required };
}

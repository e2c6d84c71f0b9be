namespace Granary.Engine.Abstractions;

/// <summary>A conversation to render with the model's chat template.</summary>
[GenerateSerializer, Immutable, Alias("granary.chat-prompt")]
public sealed record ChatPrompt
{
    [Id(0)] public required ChatMessage[] Messages { get; init; }

    /// <summary>The request's <c>tools</c> array as JSON, passed to the template as <c>tools</c>.</summary>
    [Id(1)] public string? ToolsJson { get; init; }

    [Id(2)] public bool AddGenerationPrompt { get; init; } = true;
    [Id(3)] public bool ContinueFinalMessage { get; init; }

    /// <summary>Extra template variables (vLLM's chat_template_kwargs) as a JSON object.</summary>
    [Id(4)] public string? ChatTemplateKwargsJson { get; init; }

    /// <summary>A template that replaces the model's own for this request.</summary>
    [Id(5)] public string? ChatTemplate { get; init; }
}

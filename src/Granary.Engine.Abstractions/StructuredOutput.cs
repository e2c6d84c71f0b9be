namespace Granary.Engine.Abstractions;

/// <summary>
/// A constraint on the generated text: any JSON object, JSON matching a schema, a regular
/// expression, or one of fixed choices (OpenAI's response_format and vLLM's structured_outputs).
/// </summary>
[GenerateSerializer, Immutable, Alias("granary.structured-output")]
public sealed record StructuredOutput
{
    [Id(0)] public required StructuredOutputKind Kind { get; init; }

    /// <summary>The JSON Schema text, for <see cref="StructuredOutputKind.JsonSchema"/>.</summary>
    [Id(1)] public string? Schema { get; init; }

    /// <summary>OpenAI's json_schema.strict: every keyword enforced (unsupported ones are an error either way).</summary>
    [Id(2)] public bool Strict { get; init; }

    [Id(3)] public string? Pattern { get; init; }

    [Id(4)] public string[]? Choices { get; init; }

    public static StructuredOutput JsonObject { get; } = new() { Kind = StructuredOutputKind.JsonObject };
}

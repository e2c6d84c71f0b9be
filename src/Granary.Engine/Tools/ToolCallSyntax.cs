namespace Granary.Engine.Tools;

/// <summary>
/// How a model family writes tool calls, as data, exactly as its chat template renders them. A forced
/// call (tool_choice required or named) is <c>CallPrefix object CallSuffix</c>, repeated with
/// <see cref="Separator"/> between calls when parallel calls are allowed, then the end of the output;
/// the object is JSON matching <see cref="ToolCallSchema"/> (keys <see cref="NameKey"/> then
/// <see cref="ArgumentsKey"/>). In auto mode the model writes freely until it writes a
/// <see cref="Triggers"/> entry. The parser is more lenient than this: whitespace around the
/// markers is optional, and the keys in <see cref="AlternativeArgumentsKeys"/> are read too.
/// </summary>
internal sealed record ToolCallSyntax
{
    public required string CallPrefix { get; init; }

    public required string CallSuffix { get; init; }

    public required string Separator { get; init; }

    public string NameKey { get; init; } = "name";

    public required string ArgumentsKey { get; init; }

    /// <summary>Other keys the model may use for the arguments (Llama writes either "parameters" or "arguments").</summary>
    public IReadOnlyList<string> AlternativeArgumentsKeys { get; init; } = [];

    /// <summary>Calls only open the output (Llama 3 JSON), instead of following any text (Hermes).</summary>
    public bool CallsOnlyAtStart { get; init; }

    /// <summary>A token the model may write once before its first call (Llama's <c>&lt;|python_tag|&gt;</c>); null when none.</summary>
    public string? Opener { get; init; }

    public required IReadOnlyList<ToolCallTrigger> Triggers { get; init; }

    /// <summary>Marker texts the parser must see: when the tokenizer marks one special, the request keeps special tokens in its text.</summary>
    public IReadOnlyList<string> MarkerTokens { get; init; } = [];

    public IReadOnlyList<string> ArgumentsKeys => [ArgumentsKey, .. AlternativeArgumentsKeys];
}

namespace Granary.Engine.Abstractions;

/// <summary>
/// What turns a model's prompts into token ids, as file contents: a gateway builds the same
/// tokenizer and chat template from them, so it can hash prompts for routing with no model folder.
/// </summary>
[GenerateSerializer, Immutable, Alias("granary.prompt-artifacts")]
public sealed record PromptArtifacts
{
    [Id(0)] public required string TokenizerJson { get; init; }
    [Id(1)] public string? TokenizerConfigJson { get; init; }
    [Id(2)] public string? SpecialTokensMapJson { get; init; }

    /// <summary>The model's default chat template; null when it has none.</summary>
    [Id(3)] public string? ChatTemplate { get; init; }
}

namespace Granary.Engine.Abstractions;

/// <summary>Exactly one of: text to tokenize, token ids, or a chat to render and tokenize.</summary>
[GenerateSerializer, Immutable, Alias("granary.prompt-input")]
public sealed record PromptInput
{
    [Id(0)] public string? Text { get; init; }
    [Id(1)] public int[]? TokenIds { get; init; }
    [Id(2)] public ChatPrompt? Chat { get; init; }

    /// <summary>Whether tokenizing Text adds the tokenizer's special tokens (BOS); chats never do.</summary>
    [Id(3)] public bool AddSpecialTokens { get; init; } = true;

    public static PromptInput FromText(string text) => new() { Text = text };

    public static PromptInput FromTokens(int[] ids) => new() { TokenIds = ids };

    public static PromptInput FromChat(ChatPrompt chat) => new() { Chat = chat };
}

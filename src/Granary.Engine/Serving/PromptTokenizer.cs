using Granary.Engine.Abstractions;
using Granary.Tokenization;
using Granary.Tokenization.Templates;

namespace Granary.Engine.Serving;

/// <summary>
/// Turns prompts into the token ids the engine would compute, with the engine's own tokenizer and
/// chat renderer, but built from <see cref="PromptArtifacts"/>: what a gateway uses to route by
/// prefix. No model weights and no TorchSharp involved. Thread-safe.
/// </summary>
public sealed class PromptTokenizer
{
    // Larger prompts are not worth tokenizing twice just to route: the engine measures and rejects or serves them.
    private const int MaxPromptChars = 1 << 20;

    private readonly PretrainedTokenizer _tokenizer;
    private readonly ChatRenderer _renderer;

    public PromptTokenizer(PromptArtifacts artifacts)
    {
        _tokenizer = PretrainedTokenizer.FromJson(artifacts.TokenizerJson, artifacts.TokenizerConfigJson, artifacts.SpecialTokensMapJson);
        _renderer = new ChatRenderer(artifacts.ChatTemplate is { } source ? ChatTemplate.Parse(source) : null, _tokenizer);
    }

    /// <summary>The files of a model folder that <see cref="PromptTokenizer"/> needs, as the engine loads them.</summary>
    public static PromptArtifacts ReadArtifacts(string modelDirectory) => new()
    {
        TokenizerJson = File.ReadAllText(Path.Combine(modelDirectory, "tokenizer.json")),
        TokenizerConfigJson = ReadIfPresent(Path.Combine(modelDirectory, "tokenizer_config.json")),
        SpecialTokensMapJson = ReadIfPresent(Path.Combine(modelDirectory, "special_tokens_map.json")),
        ChatTemplate = ChatTemplateSource.Load(modelDirectory),
    };

    /// <summary>The prompt's token ids as the engine would compute them; null when it cannot say (the engine will give the error).</summary>
    public int[]? Encode(PromptInput prompt)
    {
        try
        {
            return prompt switch
            {
                { TokenIds: { } ids } => ids,
                { Chat: { } chat } when chat.Messages.Sum(m => (m.Content?.Length ?? 0) + (m.Parts?.Sum(p => p.Text?.Length ?? 0) ?? 0)) < MaxPromptChars =>
                    [.. _tokenizer.Encode(_renderer.Render(chat), addSpecialTokens: false)],
                { Text: { Length: < MaxPromptChars } text } => [.. _tokenizer.Encode(text, prompt.AddSpecialTokens)],
                _ => null,
            };
        }
        catch (EngineRequestException)
        {
            return null;
        }
    }

    private static string? ReadIfPresent(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}

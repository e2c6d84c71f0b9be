using Granary.Engine.Abstractions;
using Granary.Engine.Multimodal;
using Granary.Tokenization;

namespace Granary.Engine.Serving;

/// <summary>
/// Turns a prompt into token ids (rendering chats with the template) and checks it against the
/// context window; its errors are the client's (400) errors. A prompt too large to fit is refused by its
/// byte size before it is rendered or tokenized. Thread-safe: requests prepare on the thread pool.
/// </summary>
internal sealed class PromptPreprocessor(PretrainedTokenizer tokenizer, ChatRenderer renderer, int vocabSize, int maxModelLength,
    VisionPrompts? vision = null)
{
    private readonly PromptByteBound _bound = new(tokenizer, maxModelLength);

    public int VocabSize => vocabSize;

    /// <param name="completionTokens">The explicit max_tokens, for the context-length error's arithmetic; 0 if none.</param>
    /// <summary>Whether prompts may carry images (the model has a vision tower).</summary>
    public bool AcceptsImages => vision is not null;

    public (int[] Ids, string? Text) Prepare(PromptInput prompt, bool allowEmpty = false, int completionTokens = 0)
    {
        var (ids, text, images) = PrepareWithImages(prompt, allowEmpty, completionTokens);
        foreach (var image in images) image.Dispose();
        return (ids, text);
    }

    /// <summary>The prompt's ids and text, and its images decoded and preprocessed (placeholders expanded in ids and text).</summary>
    public (int[] Ids, string? Text, PromptImage[] Images) PrepareWithImages(PromptInput prompt, bool allowEmpty = false, int completionTokens = 0)
    {
        var param = prompt.Chat is null ? "prompt" : "messages";
        var pixels = new List<float[]>();
        (int[] ids, string? text) = prompt switch
        {
            { Chat: { } chat } => Encode(WithImages(Render(chat, completionTokens), chat, pixels), addSpecialTokens: false, completionTokens, param),
            { TokenIds: { } tokens } => (tokens, null),
            { Text: { } plain } => Encode(vision?.Expand(plain, 0, param) ?? plain, prompt.AddSpecialTokens, completionTokens, param),
            _ => throw new EngineRequestException("The prompt is empty.", param),
        };
        if (ids.Length == 0 && !allowEmpty)
            throw new EngineRequestException("The prompt is empty: it has no tokens.", param);
        var outOfRange = Array.FindIndex(ids, t => t < 0 || t >= vocabSize);
        if (outOfRange >= 0)
            throw new EngineRequestException($"Token id {ids[outOfRange]} is out of vocabulary (size {vocabSize}).", param);
        if (ids.Length > maxModelLength)
            throw ContextExceeded(ids.Length, completionTokens, param);
        return (ids, text, vision?.Locate(ids, pixels, param) ?? []);
    }

    /// <summary>Decodes the chat's images into <paramref name="pixels"/> and expands their placeholders in the rendered text.</summary>
    private string WithImages(string rendered, ChatPrompt chat, List<float[]> pixels)
    {
        if (vision is null) return rendered; // the renderer has refused any image part
        pixels.AddRange(vision.Preprocess(chat));
        return vision.Expand(rendered, pixels.Count, "messages");
    }

    /// <summary>Clamps a default max_tokens to the window; rejects an explicit one that does not fit.</summary>
    public SamplingParams ResolveLimits(SamplingParams sampling, int promptLength, bool isChat)
    {
        var room = maxModelLength - promptLength;
        if (sampling.MaxTokensExplicit && sampling.MaxTokens > room)
            throw ContextExceeded(promptLength, sampling.MaxTokens, isChat ? "messages" : "prompt");
        if (room <= 0)
            throw ContextExceeded(promptLength, 1, isChat ? "messages" : "prompt");
        return sampling.MaxTokens > room ? sampling with { MaxTokens = room } : sampling;
    }

    public string Decode(int[] ids) => tokenizer.Decode(ids);

    public string TokenString(int id) => tokenizer.IdToToken(id) ?? "";

    private string Render(ChatPrompt chat, int completionTokens)
    {
        if (_bound.Exceeds(chat) is { } bytes) throw TooLarge(bytes, completionTokens, "messages");
        return renderer.Render(chat);
    }

    private (int[], string?) Encode(string text, bool addSpecialTokens, int completionTokens, string param)
    {
        if (_bound.Exceeds(text) is { } bytes) throw TooLarge(bytes, completionTokens, param);
        return (tokenizer.Encode(text, addSpecialTokens).ToArray(), text);
    }

    private EngineRequestException TooLarge(long bytes, int completion, string param) =>
        ContextExceeded(_bound.MinTokens(bytes), completion, param, $"at least {_bound.MinTokens(bytes)} (its {bytes} bytes of text)");

    private EngineRequestException ContextExceeded(long prompt, int completion, string param, string? promptCount = null) => new(
        $"This model's maximum context length is {maxModelLength} tokens. However, you requested {(promptCount is null ? "" : "at least ")}{prompt + completion} tokens " +
        $"({promptCount ?? prompt.ToString(System.Globalization.CultureInfo.InvariantCulture)} in the {(param == "messages" ? "messages" : "prompt")}, {completion} in the completion). " +
        "Please reduce the length of the messages or completion.",
        param, "context_length_exceeded");
}

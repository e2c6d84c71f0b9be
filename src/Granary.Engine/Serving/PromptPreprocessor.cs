using Granary.Engine.Abstractions;
using Granary.Tokenization;

namespace Granary.Engine.Serving;

/// <summary>
/// Turns a prompt into token ids (rendering chats with the template) and checks it against the
/// context window; its errors are the client's (400) errors. A prompt too large to fit is refused by its
/// byte size before it is rendered or tokenized. Thread-safe: requests prepare on the thread pool.
/// </summary>
internal sealed class PromptPreprocessor(PretrainedTokenizer tokenizer, ChatRenderer renderer, int vocabSize, int maxModelLength)
{
    private readonly PromptByteBound _bound = new(tokenizer, maxModelLength);

    public int VocabSize => vocabSize;

    /// <param name="completionTokens">The explicit max_tokens, for the context-length error's arithmetic; 0 if none.</param>
    public (int[] Ids, string? Text) Prepare(PromptInput prompt, bool allowEmpty = false, int completionTokens = 0)
    {
        var param = prompt.Chat is null ? "prompt" : "messages";
        (int[] ids, string? text) = prompt switch
        {
            { Chat: { } chat } => Encode(Render(chat, completionTokens), addSpecialTokens: false, completionTokens, param),
            { TokenIds: { } tokens } => (tokens, null),
            { Text: { } plain } => Encode(plain, prompt.AddSpecialTokens, completionTokens, param),
            _ => throw new EngineRequestException("The prompt is empty.", param),
        };
        if (ids.Length == 0 && !allowEmpty)
            throw new EngineRequestException("The prompt is empty: it has no tokens.", param);
        var outOfRange = Array.FindIndex(ids, t => t < 0 || t >= vocabSize);
        if (outOfRange >= 0)
            throw new EngineRequestException($"Token id {ids[outOfRange]} is out of vocabulary (size {vocabSize}).", param);
        if (ids.Length > maxModelLength)
            throw ContextExceeded(ids.Length, completionTokens, param);
        return (ids, text);
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

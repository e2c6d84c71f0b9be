using Granary.Engine.Abstractions;
using Granary.Tokenization;

namespace Granary.Engine.Serving;

/// <summary>
/// Turns a prompt into token ids (rendering chats with the template) and checks it against the
/// context window; its errors are the client's (400) errors.
/// </summary>
internal sealed class PromptPreprocessor(PretrainedTokenizer tokenizer, ChatRenderer renderer, int vocabSize, int maxModelLength)
{
    public int VocabSize => vocabSize;

    public (int[] Ids, string? Text) Prepare(PromptInput prompt, bool allowEmpty = false)
    {
        var param = prompt.Chat is null ? "prompt" : "messages";
        (int[] ids, string? text) = prompt switch
        {
            { Chat: { } chat } => Encode(renderer.Render(chat), addSpecialTokens: false),
            { TokenIds: { } tokens } => (tokens, null),
            { Text: { } plain } => Encode(plain, prompt.AddSpecialTokens),
            _ => throw new EngineRequestException("The prompt is empty.", param),
        };
        if (ids.Length == 0 && !allowEmpty)
            throw new EngineRequestException("The prompt is empty: it has no tokens.", param);
        var outOfRange = Array.FindIndex(ids, t => t < 0 || t >= vocabSize);
        if (outOfRange >= 0)
            throw new EngineRequestException($"Token id {ids[outOfRange]} is out of vocabulary (size {vocabSize}).", param);
        if (ids.Length > maxModelLength)
            throw ContextExceeded(ids.Length, 0, param);
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

    private (int[], string?) Encode(string text, bool addSpecialTokens) => (tokenizer.Encode(text, addSpecialTokens).ToArray(), text);

    private EngineRequestException ContextExceeded(int prompt, int completion, string param) => new(
        $"This model's maximum context length is {maxModelLength} tokens. However, you requested {prompt + completion} tokens " +
        $"({prompt} in the {(param == "messages" ? "messages" : "prompt")}, {completion} in the completion). " +
        "Please reduce the length of the messages or completion.",
        param, "context_length_exceeded");
}

using System.Text;
using Granary.Engine.Abstractions;
using Granary.Tokenization;

namespace Granary.Engine.Serving;

/// <summary>
/// The most UTF-8 bytes a prompt can have and still fit the context window: no token stands for more text
/// than the vocabulary's longest token, so a text longer than window × that cannot fit. Checked before any
/// tokenizing or rendering, it turns a multi-megabyte prompt into an instant 400 instead of seconds of work.
/// </summary>
internal sealed class PromptByteBound
{
    private readonly int _longestToken;

    public PromptByteBound(PretrainedTokenizer tokenizer, int maxModelLength)
    {
        _longestToken = Math.Max(4, LongestToken(tokenizer)); // a code point is up to 4 bytes whatever the vocabulary
        MaxBytes = (long)maxModelLength * _longestToken;
    }

    public long MaxBytes { get; }

    /// <summary>The fewest tokens a text of this many bytes can encode to.</summary>
    public long MinTokens(long bytes) => (bytes + _longestToken - 1) / _longestToken;

    /// <summary>The text's UTF-8 size when it exceeds the bound; null when it may fit.</summary>
    public long? Exceeds(string text) => text.Length > MaxBytes / 3 && Encoding.UTF8.GetByteCount(text) is var bytes && bytes > MaxBytes ? bytes : null;

    /// <summary>The chat's text before rendering (the template only adds to it); null when it may fit.</summary>
    public long? Exceeds(ChatPrompt chat)
    {
        long bytes = 0;
        foreach (var message in chat.Messages)
        {
            bytes += Size(message.Content); // not reasoning: templates may drop earlier turns' thoughts
            foreach (var part in message.Parts ?? []) bytes += Size(part.Text);
        }
        return bytes > MaxBytes ? bytes : null;
    }

    private static long Size(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);

    private static int LongestToken(PretrainedTokenizer tokenizer)
    {
        var longest = 0;
        for (var id = 0; id < tokenizer.VocabSize; id++)
        {
            if (tokenizer.IdToToken(id) is null) continue;
            longest = Math.Max(longest, tokenizer.TokenBytes(id).Length);
        }
        return longest;
    }
}

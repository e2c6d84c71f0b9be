using Granary.Api.Protocol;
using Granary.Engine.Abstractions;

namespace Granary.Api.Generation;

/// <summary>
/// Builds the legacy completions logprobs lists token by token. text_offset counts characters (code
/// points, as Python does) of the rendered tokens, continuing across a stream's chunks.
/// </summary>
internal sealed class CompletionLogprobsBuilder(int topCount, bool asTokenIds, int startOffset = 0)
{
    private readonly List<string> _tokens = [];
    private readonly List<double?> _tokenLogprobs = [];
    private readonly List<Dictionary<string, double>?> _topLogprobs = [];
    private readonly List<int> _textOffsets = [];

    /// <summary>Where the next token starts.</summary>
    public int Offset { get; private set; } = startOffset;

    /// <summary>A prompt token the model did not score (the first): null logprob, null alternatives.</summary>
    public void AddUnscored(int tokenId, string token) => Append(LogprobRendering.TokenText(tokenId, token, asTokenIds), null, null);

    public void Add(TokenLogprob logprob) => Append(
        LogprobRendering.TokenText(logprob.TokenId, logprob.Token, asTokenIds),
        LogprobRendering.Clamp(logprob.Logprob),
        LogprobRendering.TopDictionary(logprob, topCount, asTokenIds));

    /// <summary>An echoed prompt: scored positions from the engine, the first from its decoded text.</summary>
    public void AddPrompt(PromptInfo prompt, string firstTokenText)
    {
        var ids = prompt.TokenIds ?? [];
        for (var i = 0; i < ids.Length; i++)
        {
            var scored = prompt.Logprobs is { } logprobs && i < logprobs.Length ? logprobs[i] : null;
            if (scored is null)
            {
                AddUnscored(ids[i], i == 0 ? firstTokenText : "");
            }
            else
            {
                Add(scored);
            }
        }
    }

    public CompletionLogprobs Build() => new(_tokens.ToArray(), _tokenLogprobs.ToArray(), _topLogprobs.ToArray(), _textOffsets.ToArray());

    private void Append(string token, double? logprob, Dictionary<string, double>? top)
    {
        _tokens.Add(token);
        _tokenLogprobs.Add(logprob);
        _topLogprobs.Add(top);
        _textOffsets.Add(Offset);
        Offset += token.EnumerateRunes().Count();
    }
}

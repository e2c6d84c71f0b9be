using System.Text;
using Granary.Engine.Abstractions;

namespace Granary.Api.Generation;

/// <summary>What one choice has produced so far: text, tool calls, logprobs, and how it ended.</summary>
internal sealed class ChoiceState
{
    private readonly StringBuilder _text = new();

    public List<TokenLogprob> Logprobs { get; } = [];
    public ToolCallAssembly ToolCalls { get; } = new();
    public int TokensSeen { get; private set; }
    public FinishReason? FinishReason { get; private set; }
    public string? StopReason { get; private set; }
    public int? StopTokenId { get; private set; }
    private int? ExactCompletionTokens { get; set; }

    public string Text => _text.ToString();

    /// <summary>The engine's exact count once the choice is finished; tokens seen until then.</summary>
    public int CompletionTokens => ExactCompletionTokens ?? TokensSeen;

    public void Apply(GenerationEvent delta)
    {
        _text.Append(delta.Text);
        if (delta.ToolCalls is not null)
        {
            ToolCalls.Apply(delta.ToolCalls);
        }

        TokensSeen += delta.TokenIds.Length;
        if (delta.Logprobs is not null)
        {
            Logprobs.AddRange(delta.Logprobs);
        }

        if (delta.FinishReason is not null)
        {
            FinishReason = delta.FinishReason;
            StopReason = delta.StopReason;
            StopTokenId = delta.StopTokenId;
            ExactCompletionTokens = delta.CompletionTokens;
        }
    }
}

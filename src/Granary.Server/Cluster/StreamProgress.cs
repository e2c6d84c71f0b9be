using Granary.Engine.Abstractions;

namespace Granary.Server.Cluster;

/// <summary>What the client has received of a request so far, per choice: where a resumed replica picks up.</summary>
internal sealed class StreamProgress(int choices)
{
    private readonly List<int>[] _tokens = Enumerable.Range(0, choices).Select(_ => new List<int>()).ToArray();
    private readonly int[] _textLength = new int[choices];
    private readonly int[] _toolCalls = new int[choices];
    private readonly bool[] _finished = new bool[choices];

    /// <summary>The prompt event went out; a resumed stream's own must not.</summary>
    public bool PromptSent { get; private set; }

    /// <summary>Any choice has output the client saw: a replacement replica must resume, not start over.</summary>
    public bool HasOutput => _finished.Any(f => f) || _tokens.Any(t => t.Count > 0) || _textLength.Any(l => l > 0);

    public int TokenCount => _tokens.Sum(t => t.Count);

    public void Record(GenerationEvent item)
    {
        if (item.Prompt is not null)
        {
            PromptSent = true;
            return;
        }
        var k = item.Choice;
        _tokens[k].AddRange(item.TokenIds);
        _textLength[k] += item.Text.Length;
        foreach (var call in item.ToolCalls ?? []) _toolCalls[k] = Math.Max(_toolCalls[k], call.Index + 1);
        _finished[k] |= item.FinishReason is not null;
    }

    public ResumePoint ToResumePoint() => new()
    {
        Choices = Enumerable.Range(0, _tokens.Length).Select(k => new ChoiceProgress
        {
            TokenIds = [.. _tokens[k]],
            TextLength = _textLength[k],
            ToolCalls = _toolCalls[k],
            Finished = _finished[k],
        }).ToArray(),
    };
}

using System.Threading.Channels;
using Granary.Engine.Abstractions;
using Granary.Engine.Tools;
using static TorchSharp.torch;

namespace Granary.Engine.Scheduling;

/// <summary>A request inside the engine: its prompt, parameters, choices and output channel.</summary>
internal sealed class RequestState(string id, int[] promptIds, SamplingParams sampling, ChannelWriter<GenerationEvent> events, Device device)
    : IDisposable
{
    public string Id { get; } = id;

    public int[] PromptIds { get; } = promptIds;

    public SamplingParams Sampling { get; } = sampling;

    public ChannelWriter<GenerationEvent> Events { get; } = events;

    /// <summary>Prompt info (with echo and prompt logprobs when asked) is sent before any choice output.</summary>
    public PromptInfo? PendingPromptInfo { get; set; }

    /// <summary>Live sequences: one while the prompt prefills, then one per choice.</summary>
    public List<Sequence> Sequences { get; } = [];

    public int FinishedChoices { get; set; }

    /// <summary>How the choices call tools; null when their output is plain text.</summary>
    public ToolCallPlan? ToolCalls { get; init; }

    /// <summary>The grammar every choice's output must follow from its first token; null when free (or tools in auto mode).</summary>
    public Granary.Structured.Grammar? Grammar { get; init; }

    /// <summary>In tool auto mode, what opens a call and the grammar that then holds; null otherwise.</summary>
    public IReadOnlyList<Constraints.CallTrigger>? CallTriggers { get; init; }

    /// <summary>Scored prompt tokens so far (the first is null), when the request asked for prompt logprobs.</summary>
    public List<TokenLogprob?>? PromptLogprobs { get; set; }

    public bool WantsPromptLogprobs => Sampling.PromptLogprobs is not null;

    /// <summary>Per choice, its own random stream when the request is seeded (choice k uses seed + k, as vLLM does).</summary>
    public Generator?[] Generators { get; } = Enumerable.Range(0, sampling.N)
        .Select(k => sampling.Seed is { } seed ? new Generator(unchecked((ulong)(seed + k)), device) : null).ToArray();

    public bool IsFinished => FinishedChoices == Sampling.N;

    public void Dispose()
    {
        foreach (var generator in Generators) generator?.Dispose();
    }
}

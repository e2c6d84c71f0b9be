using System.Threading.Channels;
using Granary.Engine.Abstractions;
using Granary.Engine.Sampling;
using Granary.Engine.Tools;
using static TorchSharp.torch;

namespace Granary.Engine.Scheduling;

/// <summary>A request inside the engine: its prompt, parameters, choices and output channel.</summary>
internal sealed class RequestState(string id, int[] promptIds, SamplingParams sampling, ChannelWriter<GenerationEvent> events, Device device)
    : IDisposable
{
    /// <summary>Per choice, a generator when the request is seeded; re-seeded before every draw (see <see cref="RandomFor"/>).</summary>
    private readonly Generator?[] _generators = Enumerable.Range(0, sampling.N)
        .Select(_ => sampling.Seed is not null ? new Generator(0, device) : null).ToArray();

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

    /// <summary>What the client already has of a request another replica was serving; null for a new request.</summary>
    public ResumePoint? Resume { get; init; }

    /// <summary>The prompt's images in placeholder order; empty for text.</summary>
    public IReadOnlyList<Multimodal.PromptImage> Images { get; init; } = [];

    /// <summary>Scored prompt tokens so far (the first is null), when the request asked for prompt logprobs.</summary>
    public List<TokenLogprob?>? PromptLogprobs { get; set; }

    /// <summary>Its times and token counts for metrics and spans; a bare one (recording nothing) unless the engine gives one.</summary>
    public Telemetry.RequestTimeline Timeline { get; init; } = new(null, promptIds.Length);

    public bool WantsPromptLogprobs => Sampling.PromptLogprobs is not null;

    public bool IsFinished => FinishedChoices == Sampling.N;

    /// <summary>
    /// The random stream of choice <paramref name="choice"/>'s draw at output position <paramref name="position"/>:
    /// seeded from (seed, choice, position) alone, so the draw is the same wherever the choice is computed.
    /// Null when the request is unseeded (the global stream).
    /// </summary>
    public Generator? RandomFor(int choice, int position)
    {
        var generator = _generators[choice];
        generator?.manual_seed(DrawSeed.Of(Sampling.Seed!.Value, choice, position));
        return generator;
    }

    public void Dispose()
    {
        foreach (var generator in _generators) generator?.Dispose();
        foreach (var image in Images) image.Dispose();
    }
}

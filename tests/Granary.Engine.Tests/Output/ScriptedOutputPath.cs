using Granary.Engine.Constraints;
using System.Threading.Channels;
using Granary.Engine.Abstractions;
using Granary.Engine.KvCache;
using Granary.Engine.Output;
using Granary.Engine.Scheduling;
using Granary.Engine.Tests.Support;
using Granary.Engine.Tools;
using Granary.Tokenization;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Output;

/// <summary>
/// The engine's real output path (sampler, detokenizer, stop strings, tool call parsing, events) driven
/// by a script instead of a model: each step's logits make the next scripted token the greedy choice.
/// </summary>
internal sealed class ScriptedOutputPath
{
    private readonly PretrainedTokenizer _tokenizer;
    private readonly int _eos;

    public ScriptedOutputPath(string model = "tiny-qwen3")
    {
        _tokenizer = PretrainedTokenizer.FromDirectory(Fixtures.Model(model));
        _eos = _tokenizer.EosTokenId!.Value;
    }

    public int Eos => _eos;

    /// <summary>Token ids of a text, its special tokens (<c>&lt;tool_call&gt;</c>) included.</summary>
    public int[] Encode(string text) => _tokenizer.Encode(text, addSpecialTokens: false).ToArray();

    public string Decode(int[] ids) => _tokenizer.Decode(ids);

    /// <summary>
    /// Generates exactly the scripted tokens (fewer when a stop rule ends the choice first) and returns the events.
    /// With <paramref name="resume"/>, the choice resumes from that progress and generates the rest of the script.
    /// </summary>
    public List<GenerationEvent> Run(IReadOnlyList<int> script, SamplingParams? sampling = null, ToolCallPlan? plan = null, ChoiceProgress? resume = null)
    {
        sampling = (sampling ?? new SamplingParams { MaxTokens = 1000 }) with { Temperature = 0 };
        if (plan?.KeepSpecialTokens == true) sampling = sampling with { SkipSpecialTokens = false };
        var scheduler = new Scheduler(new SchedulerConfig(), new KvBlockManager(8, 16, enablePrefixCaching: false));
        var constraints = new ConstraintVocabulary(_tokenizer, new HashSet<int> { _eos }, ToolCallFormat.All.SelectMany(f => f.Syntax.MarkerTokens).ToArray());
        var sequences = new SequenceFactory(_tokenizer, scheduler, constraints);
        var eos = new HashSet<int> { _eos };
        var stops = new StopRules(eos, 4096);
        var choiceEvents = new ChoiceEvents(scheduler);
        var admission = new RequestAdmission(scheduler, sequences, stops, choiceEvents);
        var outputs = new StepOutputs(sequences, new LogprobsBuilder(_tokenizer), stops, choiceEvents, eos);
        var channel = Channel.CreateUnbounded<GenerationEvent>();
        using var request = new RequestState("scripted", Encode("Hi"), sampling, channel.Writer, CPU)
        {
            ToolCalls = plan,
            Resume = resume is null ? null : new ResumePoint { Choices = [resume] },
        };
        admission.Admit(request);

        foreach (var token in script.Skip(resume?.TokenIds.Length ?? 0))
        {
            if (request.IsFinished) break;
            using var scope = NewDisposeScope();
            var logits = zeros(1, _tokenizer.VocabSize);
            logits[0, token] = 100f;
            outputs.Process([request.Sequences[0]], logits);
        }
        var events = new List<GenerationEvent>();
        while (channel.Reader.TryRead(out var item)) events.Add(item);
        return events.Where(e => e.Prompt is null).ToList();
    }

    /// <summary>A plan for the request's tools as the engine would make it for this model.</summary>
    public ToolCallPlan? Plan(ToolChoice? choice, string tools, bool parallel = true)
    {
        var template = File.ReadAllText(Path.Combine(Fixtures.Model("tiny-qwen3"), "chat_template.jinja"));
        var planner = new ToolCallPlanner(new ToolCallFormatResolver("auto", template),
            marker => _tokenizer.TokenToId(marker) is { } id && _tokenizer.IsSpecial(id));
        return planner.Plan(new GenerationRequest
        {
            RequestId = "scripted",
            Prompt = PromptInput.FromChat(new ChatPrompt { Messages = [new ChatMessage { Role = "user", Content = "Hi" }], ToolsJson = tools }),
            ToolChoice = choice,
            ParallelToolCalls = parallel,
        });
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Granary.Engine.Abstractions;
using Granary.Engine.Constraints;
using Granary.Engine.Scheduling;
using Granary.Engine.Telemetry;
using Granary.Engine.Tools;
using Granary.Structured;
using Granary.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Granary.Engine.Serving;

/// <summary>
/// A model replica that serves requests: prompts are rendered and tokenized on the caller's
/// thread, then handed to the engine thread, whose deltas come back through a channel.
/// </summary>
public sealed class LlmEngine : IEngine, IDisposable
{
    private readonly EngineCore _core;
    private readonly PromptPreprocessor _preprocessor;
    private readonly ToolCallPlanner _toolCalls;
    private readonly ConstraintVocabulary _constraints;
    private readonly GrammarCache _grammars = new(capacity: 64);
    private readonly TorchSharp.torch.Device _device;
    private readonly EngineTelemetry _telemetry;
    private long _requestCounter;

    private LlmEngine(EngineCore core, EngineParts parts, PromptPreprocessor preprocessor, ToolCallPlanner toolCalls, ModelCard card, ConstraintVocabulary constraints, EngineTelemetry telemetry)
    {
        _telemetry = telemetry;
        _constraints = constraints;
        _core = core;
        _preprocessor = preprocessor;
        _toolCalls = toolCalls;
        _device = parts.Model.Device;
        Card = card;
    }

    public ModelCard Card { get; }

    /// <summary>Loads the model on a new engine thread and starts serving.</summary>
    /// <param name="engineIndex">This replica's index among the process's replicas of the model: its metrics' engine label.</param>
    public static async Task<LlmEngine> StartAsync(EngineOptions options, ILoggerFactory? loggers = null, IProgress<double>? loadProgress = null, int engineIndex = 0)
    {
        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<LlmEngine>();
        var tokenizer = PretrainedTokenizer.FromDirectory(options.ModelPath);
        EngineSetup? setup = null;
        EngineCore? core = null;
        var telemetry = new EngineTelemetry(options.Name, engineIndex, () => core!.Metrics.Snapshot);
        core = new EngineCore(() => (setup = EngineSetup.Build(options, tokenizer, logger, loadProgress)).Parts, new EngineMetrics(telemetry), logger);
        try
        {
            var parts = await core.StartAsync().ConfigureAwait(false);
            var card = new ModelCard
            {
                Id = options.Name,
                MaxModelLength = setup!.MaxModelLength,
                Root = Path.GetFullPath(options.ModelPath),
                Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                AcceptsImages = setup.Vision is not null,
            };
            var preprocessor = new PromptPreprocessor(tokenizer, setup.Renderer, parts.Model.Config.VocabSize, setup.MaxModelLength, setup.Vision);
            var toolCalls = new ToolCallPlanner(
                new ToolCallFormatResolver(options.ToolCallFormat, setup.Renderer.TemplateSource),
                marker => tokenizer.TokenToId(marker) is { } id && tokenizer.IsSpecial(id));
            return new LlmEngine(core, parts, preprocessor, toolCalls, card, setup.Constraints, telemetry);
        }
        catch
        {
            telemetry.Dispose();
            core.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<GenerationEvent> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var arrival = DateTime.UtcNow;
        // Rendering, tokenizing and grammar compiling run on the thread pool, never on the caller's turn: a
        // replica grain's calls share one, and a large prompt there stalled every other request to it.
        // Images are decoded and preprocessed there too.
        var (toolCalls, grammar, callTriggers, ids, text, images) = await Task.Run(() => Prepare(request), cancellationToken).ConfigureAwait(false);
        var sampling = _preprocessor.ResolveLimits(request.Sampling, ids.Length, request.Prompt.Chat is not null);
        if (grammar is not null)
            GrammarBudget.Check(grammar, _constraints.Vocabulary, sampling.MaxTokens, sampling.MaxTokens < request.Sampling.MaxTokens, toolCalls is null ? "output" : "tool call");
        // As vLLM does for Hermes models: the parser must see call markers the tokenizer counts as special.
        if (toolCalls?.KeepSpecialTokens == true) sampling = sampling with { SkipSpecialTokens = false };
        var resume = request.Resume;
        if (resume is not null)
        {
            ResumeCheck.Validate(resume, sampling.N, _preprocessor.VocabSize);
            // The first replica already sent the prompt's echo and logprobs; skipping them also lets the prompt use the prefix cache.
            sampling = sampling with { PromptLogprobs = null };
        }
        var echo = request.ReturnPrompt && resume is null;
        var channel = Channel.CreateUnbounded<GenerationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var id = $"{request.RequestId}#{Interlocked.Increment(ref _requestCounter)}";
        var state = new RequestState(id, ids, sampling, channel.Writer, _device)
        {
            ToolCalls = toolCalls,
            Grammar = grammar,
            CallTriggers = callTriggers,
            Resume = resume,
            Images = images,
            Timeline = new RequestTimeline(_telemetry, ids.Length, arrival),
            PendingPromptInfo = new PromptInfo
            {
                TokenCount = ids.Length,
                TokenIds = echo ? ids : null,
                Text = echo ? text ?? _preprocessor.Decode(ids) : null,
            },
        };
        _core.Submit(new EngineCommand.Add(state));

        var completed = false;
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return item;
            completed = true;
        }
        finally
        {
            if (!completed) _core.Submit(new EngineCommand.Abort(id));
        }
    }

    private (ToolCallPlan?, Grammar?, IReadOnlyList<CallTrigger>?, int[], string?, Multimodal.PromptImage[]) Prepare(GenerationRequest request)
    {
        var toolCalls = _toolCalls.Plan(request);
        var grammar = RequestGrammar.For(request, toolCalls, _grammars);
        var callTriggers = grammar is null ? RequestGrammar.ForTriggers(toolCalls, _grammars) : null;
        var completion = request.Sampling.MaxTokensExplicit ? request.Sampling.MaxTokens : 0;
        var (ids, text, images) = _preprocessor.PrepareWithImages(request.Prompt, completionTokens: completion);
        return (toolCalls, grammar, callTriggers, ids, text, images);
    }

    public TokenizeResult Tokenize(PromptInput prompt, bool returnTokenStrings = false)
    {
        var (ids, _) = _preprocessor.Prepare(prompt, allowEmpty: true);
        return new TokenizeResult
        {
            Tokens = ids,
            MaxModelLength = Card.MaxModelLength,
            TokenStrings = returnTokenStrings ? ids.Select(_preprocessor.TokenString).ToArray() : null,
        };
    }

    public string Detokenize(int[] tokenIds) => _preprocessor.Decode(tokenIds);

    public EngineStats GetStats() => _core.Metrics.Snapshot;

    public void Dispose()
    {
        _telemetry.Dispose();
        _core.Dispose();
    }
}

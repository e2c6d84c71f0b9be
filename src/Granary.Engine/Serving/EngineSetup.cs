using Granary.Engine.Constraints;
using Granary.Engine.Generation;
using Granary.Engine.KvCache;
using Granary.Engine.Loading;
using Granary.Engine.Multimodal;
using Granary.Engine.Output;
using Granary.Engine.Scheduling;
using Granary.Engine.Tools;
using Granary.Engine.Torch;
using Granary.Tokenization;
using Granary.Tokenization.Templates;
using Microsoft.Extensions.Logging;
using TorchSharp;

namespace Granary.Engine.Serving;

/// <summary>Builds an engine's parts on its thread: model, KV cache sized to the memory budget, scheduler.</summary>
internal sealed class EngineSetup
{
    private EngineSetup(EngineParts parts, ChatRenderer renderer, int maxModelLength, ConstraintVocabulary constraints, VisionPrompts? vision)
    {
        Vision = vision;
        Constraints = constraints;
        Parts = parts;
        Renderer = renderer;
        MaxModelLength = maxModelLength;
    }

    public EngineParts Parts { get; }

    public ChatRenderer Renderer { get; }

    public int MaxModelLength { get; }

    public ConstraintVocabulary Constraints { get; }

    /// <summary>How prompts take images; null for a text-only model.</summary>
    public VisionPrompts? Vision { get; }

    public static EngineSetup Build(EngineOptions options, PretrainedTokenizer tokenizer, ILogger logger, IProgress<double>? progress)
    {
        var template = LoadTemplate(options.ModelPath);
        var workers = CpuParallelism(options);
        var maxModelLength = options.MaxModelLength ?? ModelLoader.ReadConfig(options.ModelPath).MaxPositionEmbeddings;
        var model = ModelLoader.Load(options.ModelPath, options.Device, options.Dtype, logger, progress, workers, maxModelLength);
        var config = model.Config;
        if (maxModelLength > config.MaxPositionEmbeddings)
            throw new ModelLoadException($"max model length {maxModelLength} exceeds the model's max_position_embeddings ({config.MaxPositionEmbeddings})");

        var perToken = KvCache.KvCache.BytesPerToken(config.NumHiddenLayers, config.NumKeyValueHeads, config.HeadDim, model.Dtype);
        var budget = options.KvCacheBytes ?? (long)(DeviceMemory.FreeBytes(model.Device) * options.MemoryFraction);
        var useful = (long)options.MaxNumSequences * maxModelLength;
        var blocks = (int)Math.Min(budget / perToken, useful + options.BlockSize) / options.BlockSize;
        var needed = (maxModelLength + options.BlockSize - 1) / options.BlockSize;
        if (blocks < needed)
            throw new ModelLoadException(
                $"the KV cache budget ({budget >> 20} MiB, {blocks} blocks) cannot hold one {maxModelLength}-token sequence ({needed} blocks); give it more memory or lower the max model length");

        var cache = new KvCache.KvCache(config.NumHiddenLayers, blocks, options.BlockSize, config.NumKeyValueHeads, config.HeadDim, model.Dtype, model.Device);
        logger.LogInformation("KV cache: {Blocks} blocks of {BlockSize} tokens ({MiB} MiB), max model length {MaxModelLength}",
            blocks, options.BlockSize, (long)blocks * options.BlockSize * perToken >> 20, maxModelLength);

        var manager = new KvBlockManager(blocks, options.BlockSize, options.EnablePrefixCaching);
        var schedulerConfig = new SchedulerConfig
        {
            MaxNumSequences = options.MaxNumSequences,
            MaxNumBatchedTokens = options.MaxNumBatchedTokens ?? (model.Device.type == DeviceType.CUDA ? 8192 : 512),
        };
        var scheduler = new Scheduler(schedulerConfig, manager);
        var eos = config.EosTokenIds.Concat(model.Generation.EosTokenIds)
            .Concat(tokenizer.EosTokenId is { } id ? [id] : []).ToHashSet();
        var constraints = new ConstraintVocabulary(tokenizer, eos, ToolCallFormat.All.SelectMany(f => f.Syntax.MarkerTokens).ToArray());
        var sequences = new SequenceFactory(tokenizer, scheduler, constraints);
        var logprobs = new LogprobsBuilder(tokenizer);
        var stops = new StopRules(eos, maxModelLength);
        var events = new ChoiceEvents(scheduler);
        var parts = new EngineParts(model, cache, scheduler, new ModelRunner(model, cache),
            new RequestAdmission(scheduler, sequences, stops, events), new StepOutputs(sequences, logprobs, stops, events, eos),
            events, new PromptLogprobs(logprobs), workers);
        var vision = VisionPrompts.Load(options.ModelPath, config, tokenizer, new ImageLimits { MaxBytes = options.MaxImageBytes });
        return new EngineSetup(parts, new ChatRenderer(template, tokenizer, vision?.Placeholder), maxModelLength, constraints, vision);
    }

    /// <summary>
    /// On the CPU, large matrix products are split across cores by our own workers, and libtorch runs
    /// single-threaded: its OpenMP threads spin for a while after every parallel op, stealing the
    /// very cores the split needs (measured: 34 → 55 decode steps/s on the 110M model, 2 cores).
    /// One thread still gets a (worker-less) set: decode products then take the AVX2 mat-vec kernel,
    /// which reads weights faster than libtorch's GEMV on one core too.
    /// </summary>
    private static CpuWorkers? CpuParallelism(EngineOptions options)
    {
        if (new torch.Device(options.Device).type != DeviceType.CPU)
        {
            if (options.Threads is { } threads) torch.set_num_threads(threads);
            return null;
        }
        var parallelism = options.Threads ?? Environment.ProcessorCount;
        torch.set_num_threads(1);
        return new CpuWorkers(Math.Max(parallelism, 1) - 1);
    }

    private static ChatTemplate? LoadTemplate(string modelPath)
    {
        var source = ChatTemplateSource.Load(modelPath);
        if (source is null) return null;
        try
        {
            return ChatTemplate.Parse(source);
        }
        catch (ChatTemplateException error)
        {
            throw new ModelLoadException($"the chat template of {modelPath} does not parse: {error.Message}", error);
        }
    }
}

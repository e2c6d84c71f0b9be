using Granary.Engine.KvCache;

namespace Granary.Engine.Scheduling;

/// <summary>
/// Iteration-level (continuous) batching. Each step: running sequences first (one token per
/// decode, the next chunk of a partial prefill), then waiting sequences while the token budget,
/// the sequence limit and the KV pool allow. When a running sequence needs a block and the pool
/// is empty, the most recently arrived running sequence is preempted (its blocks freed, to be
/// recomputed later, mostly from the prefix cache).
/// </summary>
internal sealed class Scheduler(SchedulerConfig config, KvBlockManager blocks)
{
    private readonly LinkedList<Sequence> _waiting = new();
    private readonly List<Sequence> _running = [];

    public int Running => _running.Count;

    public int Waiting => _waiting.Count;

    public long Preemptions { get; private set; }

    public bool HasWork => _running.Count > 0 || _waiting.Count > 0;

    public KvBlockManager Blocks => blocks;

    public void Add(Sequence sequence)
    {
        sequence.Status = SequenceStatus.Waiting;
        _waiting.AddLast(sequence);
    }

    /// <summary>Adds a forked choice straight into the running set; its blocks are already assigned.</summary>
    public void AddRunning(Sequence sequence)
    {
        sequence.Status = SequenceStatus.Running;
        _running.Add(sequence);
    }

    public IReadOnlyList<ScheduledSequence> Schedule()
    {
        var budget = config.MaxNumBatchedTokens;
        var scheduled = new List<ScheduledSequence>();
        var preempted = false;

        foreach (var sequence in _running.OrderBy(s => s.Arrival).ToArray())
        {
            if (budget <= 0) break;
            if (sequence.Status != SequenceStatus.Running) continue; // preempted below in this step
            var count = Math.Min(sequence.NumUncomputedTokens, budget);
            var encoder = FitEncoder(sequence, ref count, budget, alone: scheduled.Count == 0);
            if (count == 0) continue;
            while (!blocks.TryGrow(sequence, sequence.NumComputedTokens + count))
            {
                var victim = _running.Where(s => s.Status == SequenceStatus.Running).MaxBy(s => s.Arrival)!;
                Preempt(victim);
                preempted = true;
                if (victim == sequence) break;
            }
            if (sequence.Status != SequenceStatus.Running) continue;
            scheduled.Add(new ScheduledSequence(sequence, count));
            budget -= count + ChargeEncoder(sequence, count, encoder);
        }
        _running.RemoveAll(s => s.Status != SequenceStatus.Running);

        // A step that had to preempt admits nothing new: the pool is already short.
        while (!preempted && budget > 0 && _running.Count < config.MaxNumSequences && _waiting.First is { } node)
        {
            var sequence = node.Value;
            // Prompt logprobs need logits for every prompt token, so such requests skip the prefix cache (as in vLLM).
            if (sequence.BlockTable.Count == 0 && sequence.NumComputedTokens == 0 && !sequence.Request.WantsPromptLogprobs)
            {
                var cached = blocks.AttachCachedPrefix(sequence, sequence.TokenIds.Count);
                sequence.NumComputedTokens = cached;
                if (sequence.CachedPromptTokens == 0) sequence.CachedPromptTokens = Math.Min(cached, sequence.PromptLength);
            }
            var count = Math.Min(sequence.NumUncomputedTokens, budget);
            var encoder = FitEncoder(sequence, ref count, budget, alone: scheduled.Count == 0);
            if (count == 0) break; // its image's encoder does not fit this step: it waits, in order
            if (!blocks.TryGrow(sequence, sequence.NumComputedTokens + count))
                break; // the pool is full: it waits, in order, for blocks to free up
            _waiting.RemoveFirst();
            sequence.Status = SequenceStatus.Running;
            sequence.Request.Timeline.OnScheduled();
            _running.Add(sequence);
            scheduled.Add(new ScheduledSequence(sequence, count));
            budget -= count + ChargeEncoder(sequence, count, encoder);
        }
        return scheduled;
    }

    /// <summary>
    /// The vision encoder's work counts against the step's token budget like prefill: each image not
    /// yet encoded that the chunk reaches costs its patch count. A chunk that cannot afford an image
    /// stops just before it; one that starts inside an unencoded image runs only as a step's first
    /// work (then over budget, or a large image would never run). Returns the encoder tokens charged.
    /// </summary>
    private static int FitEncoder(Sequence sequence, ref int count, int budget, bool alone)
    {
        var encoder = 0;
        var start = sequence.NumComputedTokens;
        foreach (var image in sequence.Images)
        {
            if (image.EncoderScheduled || image.Features is not null || !image.Overlaps(start, start + count)) continue;
            if (count + encoder + image.TokenCount > budget && !(alone && encoder == 0 && image.Offset <= start))
            {
                count = Math.Max(image.Offset - start, 0);
                break;
            }
            encoder += image.TokenCount;
        }
        return encoder;
    }

    private static int ChargeEncoder(Sequence sequence, int count, int encoder)
    {
        if (encoder == 0) return 0;
        var start = sequence.NumComputedTokens;
        foreach (var image in sequence.Images.Where(i => i.Overlaps(start, start + count))) image.EncoderScheduled = true;
        return encoder;
    }

    /// <summary>Marks a step's work as computed and caches newly full blocks.</summary>
    public void Complete(IReadOnlyList<ScheduledSequence> step)
    {
        foreach (var (sequence, count) in step)
        {
            sequence.NumComputedTokens += count;
            blocks.CacheFullBlocks(sequence, sequence.NumComputedTokens);
        }
    }

    /// <summary>Removes a finished or aborted sequence and frees its blocks at once.</summary>
    public void Finish(Sequence sequence)
    {
        if (sequence.Status == SequenceStatus.Waiting) _waiting.Remove(sequence);
        else _running.Remove(sequence);
        sequence.Status = SequenceStatus.Finished;
        blocks.Free(sequence);
    }

    private void Preempt(Sequence sequence)
    {
        blocks.Free(sequence);
        sequence.NumComputedTokens = 0;
        sequence.Status = SequenceStatus.Waiting;
        _waiting.AddFirst(sequence);
        Preemptions++;
    }
}

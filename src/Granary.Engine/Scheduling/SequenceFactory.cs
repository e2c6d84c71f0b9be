using Granary.Engine.Constraints;
using Granary.Engine.Output;
using Granary.Tokenization;

namespace Granary.Engine.Scheduling;

/// <summary>Creates a request's first sequence, and forks its other choices off the shared prefill.</summary>
internal sealed class SequenceFactory(PretrainedTokenizer tokenizer, Scheduler scheduler, ConstraintVocabulary constraints)
{
    private long _arrivals;

    public Sequence CreateFirst(RequestState request)
    {
        var sequence = new Sequence(request, 0, request.PromptIds, NewOutput(request), Interlocked.Increment(ref _arrivals))
        {
            Constraint = SequenceConstraint.For(request.Grammar, request.CallTriggers, constraints),
        };
        request.Sequences.Add(sequence);
        return sequence;
    }

    /// <summary>
    /// A new choice sharing the parent's computed prompt blocks (a partial last block is copied).
    /// Without a free block for that copy, the choice waits and recomputes from the prefix cache.
    /// </summary>
    public Sequence Fork(Sequence parent, int choice)
    {
        var request = parent.Request;
        var child = new Sequence(request, choice, request.PromptIds, NewOutput(request), parent.Arrival)
        {
            CachedPromptTokens = parent.CachedPromptTokens,
            Constraint = parent.Constraint?.Clone(), // forked before the parent took a token: the same, fresh state
        };
        request.Sequences.Add(child);
        if (scheduler.Blocks.TryFork(parent, child, parent.PromptLength))
        {
            child.NumComputedTokens = parent.PromptLength;
            scheduler.AddRunning(child);
        }
        else
        {
            scheduler.Add(child);
        }
        return child;
    }

    private SequenceOutput NewOutput(RequestState request) =>
        new(tokenizer.CreateDetokenizer(request.PromptIds, request.Sampling.SkipSpecialTokens), request.Sampling, request.ToolCalls?.CreateParser());
}

using Granary.Engine.Constraints;
using Granary.Engine.Output;
using Granary.Tokenization;

namespace Granary.Engine.Scheduling;

/// <summary>Creates a request's first sequence (or each choice of a resumed one), and forks its other choices off the shared prefill.</summary>
internal sealed class SequenceFactory(PretrainedTokenizer tokenizer, Scheduler scheduler, ConstraintVocabulary constraints)
{
    private long _arrivals;

    /// <summary>The prefill of a new request, which becomes choice 0 and forks the others when it first samples.</summary>
    public Sequence CreateFirst(RequestState request) => Create(request, 0, forksChoices: true);

    /// <summary>
    /// Choice <paramref name="choice"/> on its own, from its prompt and fresh output state: a resumed
    /// request's choice, whose prior tokens are then replayed into it.
    /// </summary>
    public Sequence CreateChoice(RequestState request, int choice) => Create(request, choice, forksChoices: false);

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

    private Sequence Create(RequestState request, int choice, bool forksChoices)
    {
        var sequence = new Sequence(request, choice, request.PromptIds, NewOutput(request), Interlocked.Increment(ref _arrivals))
        {
            Constraint = SequenceConstraint.For(request.Grammar, request.CallTriggers, constraints),
            ForksChoices = forksChoices,
        };
        request.Sequences.Add(sequence);
        return sequence;
    }

    private SequenceOutput NewOutput(RequestState request) =>
        new(tokenizer.CreateDetokenizer(request.PromptIds, request.Sampling.SkipSpecialTokens), request.Sampling, request.ToolCalls?.CreateParser());
}

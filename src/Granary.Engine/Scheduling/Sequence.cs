using Granary.Engine.Abstractions;
using Granary.Engine.Constraints;
using Granary.Engine.KvCache;
using Granary.Engine.Output;

namespace Granary.Engine.Scheduling;

/// <summary>
/// One choice of a request as the scheduler sees it: prompt plus generated tokens, how many of
/// them are already in the KV cache, and the blocks that hold them.
/// </summary>
internal sealed class Sequence(RequestState request, int choice, IEnumerable<int> tokens, SequenceOutput output, long arrival) : IBlockOwner
{
    private readonly List<int> _tokens = [.. tokens];
    private ListTail? _outputTokenIds;

    public RequestState Request { get; } = request;

    public int Choice { get; } = choice;

    public long Arrival { get; } = arrival;

    public IReadOnlyList<int> TokenIds => _tokens;

    public int PromptLength => Request.PromptIds.Length;

    /// <summary>The generated tokens, as a view that follows <see cref="Append"/>.</summary>
    public IReadOnlyList<int> OutputTokenIds => _outputTokenIds ??= new ListTail(_tokens, PromptLength);

    public int OutputLength => _tokens.Count - PromptLength;

    /// <summary>Tokens whose keys and values are in the cache.</summary>
    public int NumComputedTokens { get; set; }

    public int NumUncomputedTokens => _tokens.Count - NumComputedTokens;

    public List<int> BlockTable { get; } = [];

    public List<BlockHash> BlockHashes { get; } = [];

    public IReadOnlyList<Multimodal.PromptImage> Images => Request.Images;

    public SequenceStatus Status { get; set; } = SequenceStatus.Waiting;

    public SequenceOutput Output { get; } = output;

    /// <summary>This choice's grammar state, when its output is constrained.</summary>
    public SequenceConstraint? Constraint { get; init; }

    public int CachedPromptTokens { get; set; }

    /// <summary>The request's shared prefill: its first sample forks the request's other choices off it.</summary>
    public bool ForksChoices { get; init; }

    public void Append(int tokenId) => _tokens.Add(tokenId);
}

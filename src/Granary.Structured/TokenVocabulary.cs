using System.Runtime.CompilerServices;
using Granary.Structured.Automata;
using Granary.Structured.Runtime;

namespace Granary.Structured;

/// <summary>
/// A tokenizer's vocabulary as grammars see it: every token's exact bytes, arranged in a trie once.
/// Build one per tokenizer and share it (thread-safe); each grammar keeps its per-vocabulary caches here.
/// </summary>
/// <remarks>
/// Special tokens and tokens without bytes never appear in constrained text; EOS tokens are allowed
/// exactly when the grammar is complete. Dead ends are impossible as long as every byte the grammar
/// needs has a single-byte token, as in byte-level BPE and byte-fallback SentencePiece vocabularies.
/// </remarks>
public sealed class TokenVocabulary
{
    private readonly ConditionalWeakTable<CompiledGrammar, GrammarRuntime> _runtimes = new();

    private TokenVocabulary(IReadOnlyList<byte[]> tokenBytes, bool[] excluded, int[] eosTokenIds)
    {
        Size = tokenBytes.Count;
        TokenBytes = tokenBytes;
        Excluded = excluded;
        EosTokenIds = eosTokenIds;
        Trie = VocabularyTrie.Build(tokenBytes, id => !excluded[id]);
        var single = new bool[256];
        for (var id = 0; id < tokenBytes.Count; id++)
        {
            if (!excluded[id] && tokenBytes[id].Length == 1)
            {
                single[tokenBytes[id][0]] = true;
            }
        }

        HasEveryByte = Array.TrueForAll(single, has => has);
    }

    public int Size { get; }

    internal int MaskWords => (Size + 63) / 64;

    internal IReadOnlyList<byte[]> TokenBytes { get; }

    /// <summary>Tokens that never match text: special tokens, EOS tokens and tokens without bytes.</summary>
    internal bool[] Excluded { get; }

    internal int[] EosTokenIds { get; }

    internal VocabularyTrie Trie { get; }

    /// <summary>Every byte value is a token of its own (byte-level BPE): a byte path of n bytes takes at most n tokens.</summary>
    internal bool HasEveryByte { get; }

    /// <param name="tokenBytes">Every token id's exact bytes (empty for ids that decode to nothing).</param>
    /// <param name="specialTokenIds">Ids that may never appear in constrained text.</param>
    /// <param name="eosTokenIds">Ids that end generation; allowed only when the grammar is complete.</param>
    public static TokenVocabulary Create(IReadOnlyList<byte[]> tokenBytes, IReadOnlySet<int> specialTokenIds, IReadOnlySet<int> eosTokenIds)
    {
        ArgumentNullException.ThrowIfNull(tokenBytes);
        ArgumentNullException.ThrowIfNull(specialTokenIds);
        ArgumentNullException.ThrowIfNull(eosTokenIds);
        foreach (var id in specialTokenIds.Concat(eosTokenIds))
        {
            if (id < 0 || id >= tokenBytes.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(specialTokenIds), id, "A special or EOS token id is outside the vocabulary.");
            }
        }

        var excluded = new bool[tokenBytes.Count];
        for (var id = 0; id < excluded.Length; id++)
        {
            excluded[id] = tokenBytes[id] is null || tokenBytes[id].Length == 0 || specialTokenIds.Contains(id) || eosTokenIds.Contains(id);
        }

        var copies = tokenBytes.Select(bytes => bytes is null ? [] : (byte[])bytes.Clone()).ToArray();
        return new TokenVocabulary(copies, excluded, [.. eosTokenIds.Order()]);
    }

    /// <summary>
    /// Masks of positions of rules that call nothing (the inside of a JSON string, ...), taken on
    /// their own: the same in every grammar, so computed once per vocabulary.
    /// </summary>
    internal ConditionalWeakTable<RuleDfa, System.Collections.Concurrent.ConcurrentDictionary<int, (ulong[] Mask, int[] Escapes)>> FrameMasks { get; } = new();

    internal GrammarRuntime RuntimeFor(CompiledGrammar grammar) =>
        _runtimes.GetValue(grammar, g => new GrammarRuntime(g, this));
}

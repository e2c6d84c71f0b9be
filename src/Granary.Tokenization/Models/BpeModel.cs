using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;

namespace Granary.Tokenization.Models;

/// <summary>
/// Byte-pair encoding as tokenizers' BPE model does it (no dropout): characters → vocabulary ids
/// (with byte fallback or unknown tokens), then merges by rank; results are cached per split.
/// </summary>
internal sealed class BpeModel : ITokenizerModel
{
    private const int MaxCachedLength = 256;
    private const int MaxCacheEntries = 200_000;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly string?[] _tokensById;
    private readonly BpeMerges _merges;
    private readonly BpeOptions _options;
    private readonly int[] _byteFallbackIds;
    private readonly int[]? _singleCharacterIds;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private int _cachedCount;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BpeModel(Dictionary<string, int> vocabulary, BpeMerges merges, BpeOptions options)
    {
        _vocabulary = vocabulary;
        _merges = merges;
        _options = options;
        var maxId = vocabulary.Count == 0 ? -1 : vocabulary.Values.Max();
        _tokensById = new string?[maxId + 1];
        foreach (var (token, id) in vocabulary)
        {
            _tokensById[id] = token;
        }

        _byteFallbackIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            _byteFallbackIds[b] = vocabulary.TryGetValue(ByteFallbackToken((byte)b), out var id) ? id : -1;
        }

        if (string.IsNullOrEmpty(options.ContinuingSubwordPrefix) && string.IsNullOrEmpty(options.EndOfWordSuffix))
        {
            _singleCharacterIds = BuildSingleCharacterTable(vocabulary);
        }
    }

    public int VocabularyCount => _vocabulary.Count;

    public BpeOptions Options => _options;

    /// <summary>The same vocabulary and merges with other settings (transformers rebuilds some models this way).</summary>
    public BpeModel WithOptions(BpeOptions options) => new(_vocabulary, _merges, options);

    public static string ByteFallbackToken(byte value) => $"<0x{value:X2}>";

    public int? TokenToId(string token) => _vocabulary.TryGetValue(token, out var id) ? id : null;

    public string? IdToToken(int id) => id >= 0 && id < _tokensById.Length ? _tokensById[id] : null;

    public void Tokenize(string split, List<int> ids)
    {
        if (split.Length == 0)
        {
            return;
        }

        if (_options.IgnoreMerges && _vocabulary.TryGetValue(split, out var whole))
        {
            ids.Add(whole);
            return;
        }

        if (_cache.TryGetValue(split, out var cached))
        {
            ids.AddRange(cached);
            return;
        }

        var merged = MergeWord(split);
        // ConcurrentDictionary.Count takes every lock, so keep our own (approximate under races) count.
        if (split.Length < MaxCachedLength && Volatile.Read(ref _cachedCount) < MaxCacheEntries && _cache.TryAdd(split, merged))
        {
            Interlocked.Increment(ref _cachedCount);
        }

        ids.AddRange(merged);
    }

    private int[] MergeWord(string split)
    {
        var word = new BpeWord();
        (int Id, int Length)? pendingUnknown = null;
        var index = 0;
        while (index < split.Length)
        {
            var width = char.IsHighSurrogate(split[index]) && index + 1 < split.Length && char.IsLowSurrogate(split[index + 1]) ? 2 : 1;
            var isFirst = index == 0;
            var isLast = index + width == split.Length;
            if (TryLookupSymbol(split, index, width, isFirst, isLast, out var symbol, out var id))
            {
                if (pendingUnknown is { } unknown)
                {
                    word.Add(unknown.Id);
                    pendingUnknown = null;
                }

                word.Add(id);
            }
            else if (!(_options.ByteFallback && TryAddBytes(symbol, word)))
            {
                pendingUnknown = NextUnknown(pendingUnknown, word, Encoding.UTF8.GetByteCount(split.AsSpan(index, width)));
            }

            index += width;
        }

        if (pendingUnknown is { } last)
        {
            word.Add(last.Id);
        }

        return word.Count < 2 ? word.ToArray() : word.MergeAll(_merges);
    }

    // The symbol for one character: with the continuing-subword prefix unless first, the end-of-word suffix if last.
    private bool TryLookupSymbol(string split, int index, int width, bool isFirst, bool isLast, out string symbol, out int id)
    {
        if (_singleCharacterIds is not null && width == 1)
        {
            id = _singleCharacterIds[split[index]];
            symbol = string.Empty;
            if (id >= 0)
            {
                return true;
            }
        }

        var builder = new StringBuilder();
        if (!isFirst)
        {
            builder.Append(_options.ContinuingSubwordPrefix);
        }

        builder.Append(split, index, width);
        if (isLast)
        {
            builder.Append(_options.EndOfWordSuffix);
        }

        symbol = builder.ToString();
        return _vocabulary.TryGetValue(symbol, out id);
    }

    private bool TryAddBytes(string symbol, BpeWord word)
    {
        var bytes = Encoding.UTF8.GetBytes(symbol);
        foreach (var b in bytes)
        {
            if (_byteFallbackIds[b] < 0)
            {
                return false;
            }
        }

        foreach (var b in bytes)
        {
            word.Add(_byteFallbackIds[b]);
        }

        return true;
    }

    // Unknown characters become the unknown token, fused into one when fuse_unk is set; with no unknown token they vanish.
    private (int Id, int Length)? NextUnknown((int Id, int Length)? pending, BpeWord word, int byteLength)
    {
        if (_options.UnknownToken is not { } unknownToken)
        {
            return pending;
        }

        if (pending is { } current && _options.FuseUnknown)
        {
            return (current.Id, current.Length + byteLength);
        }

        if (pending is { } previous)
        {
            word.Add(previous.Id);
        }

        if (!_vocabulary.TryGetValue(unknownToken, out var unknownId))
        {
            throw new TokenizerException($"tokenizer.json model: unk_token \"{unknownToken}\" is not in the vocabulary.");
        }

        return (unknownId, byteLength);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] BuildSingleCharacterTable(Dictionary<string, int> vocabulary)
    {
        var table = new int[char.MaxValue + 1];
        Array.Fill(table, -1);
        foreach (var (token, id) in vocabulary)
        {
            if (token.Length == 1)
            {
                table[token[0]] = id;
            }
        }

        return table;
    }
}

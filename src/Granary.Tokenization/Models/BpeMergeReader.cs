using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Granary.Tokenization.Models;

/// <summary>
/// Reads the "merges" array ("a b" strings or ["a", "b"] pairs) into flat character storage,
/// then resolves it against the vocabulary without allocating a string per merge.
/// </summary>
internal sealed class BpeMergeReader
{
    private const string Where = "tokenizer.json model";

    private char[] _characters = new char[1 << 16];
    private int _length;
    private readonly List<(int Start, int LeftLength, int RightLength)> _merges = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BpeMergeReader Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new TokenizerException($"{Where}: \"merges\" must be an array.");
        }

        var merges = new BpeMergeReader();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            merges.ReadOne(ref reader);
        }

        return merges;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BpeMerges Resolve(Dictionary<string, int> vocabulary, string prefix)
    {
        var lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        var result = new BpeMerges(_merges.Count);
        var merged = new char[256];
        for (var rank = 0; rank < _merges.Count; rank++)
        {
            var (start, leftLength, rightLength) = _merges[rank];
            var left = _characters.AsSpan(start, leftLength);
            var right = _characters.AsSpan(start + leftLength, rightLength);
            var rightTail = right.StartsWith(prefix) ? right[prefix.Length..] : right;
            if (merged.Length < leftLength + rightTail.Length)
            {
                merged = new char[(leftLength + rightTail.Length) * 2];
            }

            left.CopyTo(merged);
            rightTail.CopyTo(merged.AsSpan(leftLength));
            result.Add(Lookup(lookup, left, rank), Lookup(lookup, right, rank), rank, Lookup(lookup, merged.AsSpan(0, leftLength + rightTail.Length), rank));
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadOne(ref Utf8JsonReader reader)
    {
        var rank = _merges.Count;
        if (reader.TokenType == JsonTokenType.String)
        {
            var start = _length;
            var length = Append(ref reader);
            var text = _characters.AsSpan(start, length);
            if (text.StartsWith("#version"))
            {
                _length = start;
                return;
            }

            var space = text.IndexOf(' ');
            if (space < 0 || text[(space + 1)..].Contains(' '))
            {
                throw new TokenizerException($"{Where}: merge {rank + 1} \"{text}\" is not two tokens separated by one space.");
            }

            // Drop the space so left and right sit next to each other.
            text[(space + 1)..].CopyTo(text[space..]);
            _length--;
            _merges.Add((start, space, length - space - 1));
            return;
        }

        if (reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            var start = _length;
            var leftLength = Append(ref reader);
            if (reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                var rightLength = Append(ref reader);
                if (reader.Read() && reader.TokenType == JsonTokenType.EndArray)
                {
                    _merges.Add((start, leftLength, rightLength));
                    return;
                }
            }
        }

        throw new TokenizerException($"{Where}: merge {rank + 1} must be \"a b\" or [\"a\", \"b\"].");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Append(ref Utf8JsonReader reader)
    {
        var needed = _length + (reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length);
        if (needed > _characters.Length)
        {
            Array.Resize(ref _characters, Math.Max(needed, _characters.Length * 2));
        }

        var written = reader.CopyString(_characters.AsSpan(_length));
        _length += written;
        return written;
    }

    private static int Lookup(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> token, int rank) =>
        lookup.TryGetValue(token, out var id)
            ? id
            : throw new TokenizerException($"{Where}: merge {rank + 1} uses \"{token}\", which is not in the vocabulary.");
}

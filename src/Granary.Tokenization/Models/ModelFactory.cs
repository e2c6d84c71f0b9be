using System.Text.Json;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.Models;

/// <summary>Builds the model from tokenizer.json's "model" object (BPE only).</summary>
internal static class ModelFactory
{
    private const string Where = "tokenizer.json model";

    public static BpeModel FromJson(JsonElement model)
    {
        var type = JsonFields.String(model, "type", Where) ?? (JsonFields.Optional(model, "merges") is null ? null : "BPE");
        if (type != "BPE")
        {
            throw new TokenizerException($"{Where}: model type \"{type ?? "(none)"}\" is not supported by Granary (only BPE).");
        }

        if (JsonFields.Optional(model, "dropout") is { } dropout && dropout.GetDouble() > 0)
        {
            throw new TokenizerException($"{Where}: BPE dropout is not supported (it makes encoding random).");
        }

        var options = new BpeOptions
        {
            UnknownToken = JsonFields.String(model, "unk_token", Where),
            FuseUnknown = JsonFields.Bool(model, "fuse_unk", false, Where),
            ByteFallback = JsonFields.Bool(model, "byte_fallback", false, Where),
            IgnoreMerges = JsonFields.Bool(model, "ignore_merges", false, Where),
            ContinuingSubwordPrefix = JsonFields.String(model, "continuing_subword_prefix", Where),
            EndOfWordSuffix = JsonFields.String(model, "end_of_word_suffix", Where),
        };
        var vocabulary = ReadVocabulary(JsonFields.Required(model, "vocab", Where));
        var merges = ReadMerges(JsonFields.Required(model, "merges", Where), vocabulary, options.ContinuingSubwordPrefix ?? string.Empty);
        return new BpeModel(vocabulary, merges, options);
    }

    private static Dictionary<string, int> ReadVocabulary(JsonElement vocab)
    {
        if (vocab.ValueKind != JsonValueKind.Object)
        {
            throw new TokenizerException($"{Where}: \"vocab\" must be an object of token → id.");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject())
        {
            vocabulary[entry.Name] = entry.Value.GetInt32();
        }

        return vocabulary;
    }

    private static BpeMerges ReadMerges(JsonElement mergesJson, Dictionary<string, int> vocabulary, string prefix)
    {
        if (mergesJson.ValueKind != JsonValueKind.Array)
        {
            throw new TokenizerException($"{Where}: \"merges\" must be an array.");
        }

        var merges = new BpeMerges(mergesJson.GetArrayLength());
        var rank = 0;
        foreach (var merge in mergesJson.EnumerateArray())
        {
            var (left, right) = ReadPair(merge, rank);
            if (left is null)
            {
                continue;
            }

            var leftId = Lookup(vocabulary, left, rank);
            var rightId = Lookup(vocabulary, right!, rank);
            var mergedToken = right!.StartsWith(prefix, StringComparison.Ordinal) ? left + right[prefix.Length..] : left + right;
            merges.Add(leftId, rightId, rank, Lookup(vocabulary, mergedToken, rank));
            rank++;
        }

        return merges;
    }

    // "a b" strings (legacy) or ["a", "b"] pairs; a "#version" line is skipped without taking a rank.
    private static (string? Left, string? Right) ReadPair(JsonElement merge, int rank)
    {
        if (merge.ValueKind == JsonValueKind.String)
        {
            var line = merge.GetString()!;
            if (line.StartsWith("#version", StringComparison.Ordinal))
            {
                return (null, null);
            }

            var parts = line.Split(' ');
            return parts.Length == 2
                ? (parts[0], parts[1])
                : throw new TokenizerException($"{Where}: merge {rank + 1} \"{line}\" is not two tokens separated by one space.");
        }

        if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
        {
            return (merge[0].GetString(), merge[1].GetString());
        }

        throw new TokenizerException($"{Where}: merge {rank + 1} must be \"a b\" or [\"a\", \"b\"].");
    }

    private static int Lookup(Dictionary<string, int> vocabulary, string token, int rank) =>
        vocabulary.TryGetValue(token, out var id)
            ? id
            : throw new TokenizerException($"{Where}: merge {rank + 1} uses \"{token}\", which is not in the vocabulary.");
}

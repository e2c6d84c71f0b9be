using System.Runtime.CompilerServices;
using System.Text.Json;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.Models;

/// <summary>
/// Builds the model from tokenizer.json's "model" object (BPE only), streaming over the
/// vocabulary and merges: they are most of a tokenizer.json, and a DOM of them costs load time.
/// </summary>
internal static class ModelFactory
{
    private const string Where = "tokenizer.json model";

    /// <summary>Reads the model object the reader is positioned on (its StartObject).</summary>
    public static BpeModel Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new TokenizerException($"{Where}: expected an object.");
        }

        Dictionary<string, int>? vocabulary = null;
        BpeMergeReader? merges = null;
        var settings = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "vocab":
                    vocabulary = ReadVocabulary(ref reader);
                    break;
                case "merges":
                    merges = BpeMergeReader.Read(ref reader);
                    break;
                default:
                    settings[name] = JsonElement.ParseValue(ref reader);
                    break;
            }
        }

        var options = ReadOptions(settings);
        if (vocabulary is null || merges is null)
        {
            throw new TokenizerException($"{Where}: missing required field \"{(vocabulary is null ? "vocab" : "merges")}\".");
        }

        return new BpeModel(vocabulary, merges.Resolve(vocabulary, options.ContinuingSubwordPrefix ?? string.Empty), options);
    }

    private static BpeOptions ReadOptions(Dictionary<string, JsonElement> settings)
    {
        var type = settings.TryGetValue("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString() : "BPE";
        if (type != "BPE")
        {
            throw new TokenizerException($"{Where}: model type \"{type}\" is not supported by Granary (only BPE).");
        }

        if (settings.TryGetValue("dropout", out var dropout) && dropout.ValueKind == JsonValueKind.Number && dropout.GetDouble() > 0)
        {
            throw new TokenizerException($"{Where}: BPE dropout is not supported (it makes encoding random).");
        }

        string? Text(string name) => settings.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        bool Flag(string name) => settings.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.True;
        return new BpeOptions
        {
            UnknownToken = Text("unk_token"),
            FuseUnknown = Flag("fuse_unk"),
            ByteFallback = Flag("byte_fallback"),
            IgnoreMerges = Flag("ignore_merges"),
            ContinuingSubwordPrefix = Text("continuing_subword_prefix"),
            EndOfWordSuffix = Text("end_of_word_suffix"),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<string, int> ReadVocabulary(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new TokenizerException($"{Where}: \"vocab\" must be an object of token → id.");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var token = reader.GetString()!;
            reader.Read();
            vocabulary[token] = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var id)
                ? id
                : throw new TokenizerException($"{Where}: the id of \"{token}\" must be an integer.");
        }

        return vocabulary;
    }

    /// <summary>Convenience for a model object already in a DOM (tests, small files).</summary>
    public static BpeModel FromJson(JsonElement model)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(model);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        return Read(ref reader);
    }
}

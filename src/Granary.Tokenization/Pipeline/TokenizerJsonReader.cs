using System.Text;
using System.Text.Json;
using Granary.Tokenization.AddedTokens;
using Granary.Tokenization.Decoders;
using Granary.Tokenization.Models;
using Granary.Tokenization.Normalizers;
using Granary.Tokenization.PostProcessors;
using Granary.Tokenization.PreTokenizers;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.Pipeline;

/// <summary>
/// Reads a Hugging Face tokenizer.json into its components in one forward pass: the model is
/// streamed, the small sections (normalizer, pre-tokenizer, ...) are parsed as JSON elements.
/// </summary>
internal static class TokenizerJsonReader
{
    private const string Where = "tokenizer.json";

    public static TokenizerDefinition Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    public static TokenizerDefinition Read(byte[] utf8Json)
    {
        try
        {
            return ReadDocument(utf8Json);
        }
        catch (JsonException exception)
        {
            throw new TokenizerException($"{Where} is not valid JSON: {exception.Message}", exception);
        }
    }

    private static TokenizerDefinition ReadDocument(byte[] utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new TokenizerException($"{Where}: expected a JSON object.");
        }

        BpeModel? model = null;
        var sections = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (name == "model")
            {
                model = ModelFactory.Read(ref reader);
            }
            else
            {
                sections[name] = JsonElement.ParseValue(ref reader);
            }
        }

        JsonElement? Section(string name) => sections.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
        return new TokenizerDefinition(
            model ?? throw new TokenizerException($"{Where}: missing required field \"model\"."),
            NormalizerFactory.FromJson(Section("normalizer")),
            PreTokenizerFactory.FromJson(Section("pre_tokenizer")),
            PostProcessorFactory.FromJson(Section("post_processor")),
            DecoderFactory.FromJson(Section("decoder")),
            ReadAddedTokens(Section("added_tokens")));
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement? tokens)
    {
        if (tokens is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        var where = $"{Where} added_tokens";
        return array.EnumerateArray().Select(token =>
        {
            var special = JsonFields.Bool(token, "special", false, where);
            return new AddedToken(JsonFields.Int(token, "id", -1, where), JsonFields.RequiredString(token, "content", where))
            {
                SingleWord = JsonFields.Bool(token, "single_word", false, where),
                LStrip = JsonFields.Bool(token, "lstrip", false, where),
                RStrip = JsonFields.Bool(token, "rstrip", false, where),
                Normalized = JsonFields.Bool(token, "normalized", !special, where),
                Special = special,
            };
        }).ToList();
    }
}

using System.Text.Json;
using Granary.Tokenization.AddedTokens;
using Granary.Tokenization.Decoders;
using Granary.Tokenization.Models;
using Granary.Tokenization.Normalizers;
using Granary.Tokenization.PostProcessors;
using Granary.Tokenization.PreTokenizers;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.Pipeline;

/// <summary>Reads a Hugging Face tokenizer.json into its components.</summary>
internal static class TokenizerJsonReader
{
    private const string Where = "tokenizer.json";

    public static TokenizerDefinition Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException exception)
        {
            throw new TokenizerException($"{Where} is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            var model = ModelFactory.FromJson(JsonFields.Required(root, "model", Where));
            var normalizer = NormalizerFactory.FromJson(JsonFields.Optional(root, "normalizer"));
            return new TokenizerDefinition(
                model,
                normalizer,
                PreTokenizerFactory.FromJson(JsonFields.Optional(root, "pre_tokenizer")),
                PostProcessorFactory.FromJson(JsonFields.Optional(root, "post_processor")),
                DecoderFactory.FromJson(JsonFields.Optional(root, "decoder")),
                ReadAddedTokens(root));
        }
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement root)
    {
        if (JsonFields.Optional(root, "added_tokens") is not { } tokens)
        {
            return [];
        }

        var where = $"{Where} added_tokens";
        return tokens.EnumerateArray().Select(token =>
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

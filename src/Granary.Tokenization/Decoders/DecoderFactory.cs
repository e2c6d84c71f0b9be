using System.Text.Json;
using Granary.Tokenization.Patterns;
using Granary.Tokenization.PreTokenizers;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.Decoders;

/// <summary>Builds a decoder from tokenizer.json's "decoder" object.</summary>
internal static class DecoderFactory
{
    public static IDecoder? FromJson(JsonElement? json, string where = "tokenizer.json decoder")
    {
        if (json is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = JsonFields.Type(element, where);
        return type switch
        {
            "ByteLevel" => new ByteLevelDecoder(),
            "ByteFallback" => new ByteFallbackDecoder(),
            "Fuse" => new FuseDecoder(),
            "Strip" => new StripDecoder(
                SingleCharacter(JsonFields.RequiredString(element, "content", where), where),
                JsonFields.Int(element, "start", 0, where),
                JsonFields.Int(element, "stop", 0, where)),
            "Replace" => new ReplaceDecoder(
                PatternFactory.FromJson(JsonFields.Required(element, "pattern", where), where),
                JsonFields.RequiredString(element, "content", where)),
            "Metaspace" => new MetaspaceDecoder(
                SingleCharacter(JsonFields.RequiredString(element, "replacement", where), where),
                JsonFields.BoolOrNull(element, "add_prefix_space", where) == false
                    ? PrependScheme.Never
                    : PreTokenizerFactory.ParsePrependScheme(JsonFields.String(element, "prepend_scheme", where) ?? "always", where)),
            "BPEDecoder" => new BpeSuffixDecoder(JsonFields.String(element, "suffix", where) ?? "</w>"),
            "Sequence" => new SequenceDecoder(JsonFields.Array(element, "decoders", where)
                .Select((child, i) => FromJson(child, $"{where}.decoders[{i}]")!)
                .ToList()),
            _ => throw new TokenizerException($"{where}: decoder type \"{type}\" is not supported by Granary."),
        };
    }

    private static char SingleCharacter(string value, string where) =>
        value.Length == 1 ? value[0] : throw new TokenizerException($"{where}: expected a single character, got \"{value}\".");
}

using System.Text.Json;
using Granary.Tokenization.Patterns;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.Normalizers;

/// <summary>Builds a normalizer from tokenizer.json's "normalizer" object.</summary>
internal static class NormalizerFactory
{
    public static INormalizer? FromJson(JsonElement? json, string where = "tokenizer.json normalizer")
    {
        if (json is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = JsonFields.Type(element, where);
        return type switch
        {
            "Sequence" => new SequenceNormalizer(JsonFields.Array(element, "normalizers", where)
                .Select((child, i) => FromJson(child, $"{where}.normalizers[{i}]")!)
                .ToList()),
            "Prepend" => new PrependNormalizer(JsonFields.RequiredString(element, "prepend", where)),
            "Replace" => new ReplaceNormalizer(
                PatternFactory.FromJson(JsonFields.Required(element, "pattern", where), where),
                JsonFields.RequiredString(element, "content", where)),
            "NFC" => new UnicodeNormalizer(compose: true, compatibility: false),
            "NFD" => new UnicodeNormalizer(compose: false, compatibility: false),
            "NFKC" => new UnicodeNormalizer(compose: true, compatibility: true),
            "NFKD" => new UnicodeNormalizer(compose: false, compatibility: true),
            "Lowercase" => new LowercaseNormalizer(),
            "Strip" => new StripNormalizer(
                JsonFields.Bool(element, "strip_left", true, where),
                JsonFields.Bool(element, "strip_right", true, where)),
            "StripAccents" => new StripAccentsNormalizer(),
            _ => throw new TokenizerException($"{where}: normalizer type \"{type}\" is not supported by Granary."),
        };
    }
}

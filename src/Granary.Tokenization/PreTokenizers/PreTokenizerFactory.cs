using System.Text.Json;
using Granary.Tokenization.Patterns;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.PreTokenizers;

/// <summary>Builds a pre-tokenizer from tokenizer.json's "pre_tokenizer" object.</summary>
internal static class PreTokenizerFactory
{
    public static IPreTokenizer? FromJson(JsonElement? json, string where = "tokenizer.json pre_tokenizer")
    {
        if (json is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = JsonFields.Type(element, where);
        return type switch
        {
            "Sequence" => new SequencePreTokenizer(JsonFields.Array(element, "pretokenizers", where)
                .Select((child, i) => FromJson(child, $"{where}.pretokenizers[{i}]")!)
                .ToList()),
            "ByteLevel" => new ByteLevelPreTokenizer(
                JsonFields.Bool(element, "add_prefix_space", true, where),
                JsonFields.Bool(element, "use_regex", true, where)),
            "Split" => new SplitPreTokenizer(
                PatternFactory.FromJson(JsonFields.Required(element, "pattern", where), where),
                ParseBehavior(JsonFields.RequiredString(element, "behavior", where), where),
                JsonFields.Bool(element, "invert", false, where)),
            "Metaspace" => Metaspace(element, where),
            "Digits" => CharacterSplitPreTokenizer.Digits(JsonFields.Bool(element, "individual_digits", false, where)),
            "Punctuation" => CharacterSplitPreTokenizer.Punctuation(
                ParseBehavior(JsonFields.String(element, "behavior", where) ?? "Isolated", where)),
            "Whitespace" => new WhitespacePreTokenizer(),
            "WhitespaceSplit" => CharacterSplitPreTokenizer.WhitespaceSplit(),
            "BertPreTokenizer" => new BertPreTokenizer(),
            _ => throw new TokenizerException($"{where}: pre-tokenizer type \"{type}\" is not supported by Granary."),
        };
    }

    public static SplitDelimiterBehavior ParseBehavior(string value, string where) => value switch
    {
        "Removed" => SplitDelimiterBehavior.Removed,
        "Isolated" => SplitDelimiterBehavior.Isolated,
        "MergedWithPrevious" => SplitDelimiterBehavior.MergedWithPrevious,
        "MergedWithNext" => SplitDelimiterBehavior.MergedWithNext,
        "Contiguous" => SplitDelimiterBehavior.Contiguous,
        _ => throw new TokenizerException($"{where}: split behavior \"{value}\" is not one of Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous."),
    };

    public static PrependScheme ParsePrependScheme(string value, string where) => value switch
    {
        "always" => PrependScheme.Always,
        "first" => PrependScheme.First,
        "never" => PrependScheme.Never,
        _ => throw new TokenizerException($"{where}: prepend_scheme \"{value}\" is not one of always, first, never."),
    };

    private static MetaspacePreTokenizer Metaspace(JsonElement element, string where)
    {
        var replacement = JsonFields.RequiredString(element, "replacement", where);
        if (replacement.Length != 1)
        {
            throw new TokenizerException($"{where}: Metaspace replacement must be a single character.");
        }

        var scheme = ParsePrependScheme(JsonFields.String(element, "prepend_scheme", where) ?? "always", where);
        // Files from before prepend_scheme existed say add_prefix_space instead.
        if (JsonFields.BoolOrNull(element, "add_prefix_space", where) == false)
        {
            scheme = PrependScheme.Never;
        }

        return new MetaspacePreTokenizer(replacement[0], scheme, JsonFields.Bool(element, "split", true, where));
    }
}

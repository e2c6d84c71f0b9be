using System.Globalization;
using System.Text.Json;
using Granary.Tokenization.AddedTokens;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.Configuration;

/// <summary>Reads tokenizer_config.json, with special_tokens_map.json filling in names the config lacks.</summary>
internal static class TokenizerConfigReader
{
    public static readonly string[] SpecialTokenAttributes =
        ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];

    private const string Where = "tokenizer_config.json";

    public static TokenizerConfig Read(string? configJson, string? specialTokensMapJson)
    {
        using var config = Parse(configJson, Where);
        using var map = Parse(specialTokensMapJson, "special_tokens_map.json");
        var root = config?.RootElement ?? default;
        var named = new Dictionary<string, AddedToken>(StringComparer.Ordinal);
        foreach (var attribute in SpecialTokenAttributes)
        {
            var token = ReadToken(root, attribute, Where) ?? (map is null ? null : ReadToken(map.RootElement, attribute, "special_tokens_map.json"));
            if (token is not null)
            {
                named[attribute] = token;
            }
        }

        return new TokenizerConfig
        {
            TokenizerClass = JsonFields.String(root, "tokenizer_class", Where),
            NamedSpecialTokens = named,
            ExtraSpecialTokens = ReadTokenList(root, "additional_special_tokens")
                .Concat(ReadTokenList(root, "extra_special_tokens")).ToList(),
            AddedTokensDecoder = ReadAddedTokensDecoder(root),
            AddBosToken = JsonFields.BoolOrNull(root, "add_bos_token", Where),
            AddEosToken = JsonFields.BoolOrNull(root, "add_eos_token", Where),
            CleanUpTokenizationSpaces = JsonFields.Bool(root, "clean_up_tokenization_spaces", false, Where),
            CleanUpEvenForBpe = JsonFields.Bool(root, "clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output", false, Where),
            ModelMaxLength = ReadModelMaxLength(root),
            Legacy = JsonFields.BoolOrNull(root, "legacy", Where),
            AddPrefixSpace = JsonFields.BoolOrNull(root, "add_prefix_space", Where),
            SplitSpecialTokens = JsonFields.Bool(root, "split_special_tokens", false, Where),
        };
    }

    private static JsonDocument? Parse(string? json, string file)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new TokenizerException($"{file} is not valid JSON: {exception.Message}", exception);
        }
    }

    /// <summary>A token given as a string or as an AddedToken object {"content": ...}; null when absent or null.</summary>
    private static AddedToken? ReadToken(JsonElement root, string name, string where)
    {
        var value = JsonFields.Optional(root, name);
        return value is null ? null : ReadTokenValue(value.Value, -1, $"{where} {name}");
    }

    private static AddedToken ReadTokenValue(JsonElement value, int id, string where) => value.ValueKind switch
    {
        JsonValueKind.String => new AddedToken(id, value.GetString()!) { Special = true },
        JsonValueKind.Object => new AddedToken(id, JsonFields.RequiredString(value, "content", where))
        {
            SingleWord = JsonFields.Bool(value, "single_word", false, where),
            LStrip = JsonFields.Bool(value, "lstrip", false, where),
            RStrip = JsonFields.Bool(value, "rstrip", false, where),
            Normalized = JsonFields.Bool(value, "normalized", false, where),
            Special = JsonFields.Bool(value, "special", true, where),
        },
        _ => throw new TokenizerException($"{where}: expected a string or an object with \"content\"."),
    };

    private static IEnumerable<AddedToken> ReadTokenList(JsonElement root, string name)
    {
        var value = JsonFields.Optional(root, name);
        if (value is not { } list)
        {
            return [];
        }

        // v5 may store extra_special_tokens as {name: token}.
        var items = list.ValueKind switch
        {
            JsonValueKind.Array => list.EnumerateArray().ToList(),
            JsonValueKind.Object => list.EnumerateObject().Select(p => p.Value).ToList(),
            _ => throw new TokenizerException($"{Where}: \"{name}\" must be a list of tokens."),
        };
        return items.Select(item => ReadTokenValue(item, -1, $"{Where} {name}")).ToList();
    }

    private static List<AddedToken> ReadAddedTokensDecoder(JsonElement root)
    {
        var value = JsonFields.Optional(root, "added_tokens_decoder");
        if (value is not { ValueKind: JsonValueKind.Object } decoder)
        {
            return [];
        }

        return decoder.EnumerateObject()
            .Select(entry => ReadTokenValue(entry.Value, int.Parse(entry.Name, CultureInfo.InvariantCulture), $"{Where} added_tokens_decoder[{entry.Name}]"))
            .ToList();
    }

    // transformers writes int(1e30) as "no limit".
    private static int? ReadModelMaxLength(JsonElement root) =>
        JsonFields.Optional(root, "model_max_length") is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var length)
            ? length
            : null;
}

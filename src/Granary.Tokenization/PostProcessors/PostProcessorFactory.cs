using System.Text.Json;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.PostProcessors;

/// <summary>Builds a post-processor from tokenizer.json's "post_processor" object.</summary>
internal static class PostProcessorFactory
{
    public static IPostProcessor? FromJson(JsonElement? json, string where = "tokenizer.json post_processor")
    {
        if (json is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = JsonFields.Type(element, where);
        return type switch
        {
            "TemplateProcessing" => Template(element, where),
            "ByteLevel" => new PassThroughProcessor(),
            "Sequence" => new SequenceProcessor(JsonFields.Array(element, "processors", where)
                .Select((child, i) => FromJson(child, $"{where}.processors[{i}]")!)
                .ToList()),
            "BertProcessing" or "RobertaProcessing" => new TemplateProcessor(
            [
                TemplatePiece.Special([TokenId(element, "cls", where)]),
                TemplatePiece.Sequence,
                TemplatePiece.Special([TokenId(element, "sep", where)]),
            ]),
            _ => throw new TokenizerException($"{where}: post-processor type \"{type}\" is not supported by Granary."),
        };
    }

    private static TemplateProcessor Template(JsonElement element, string where)
    {
        var specialTokens = JsonFields.Optional(element, "special_tokens");
        var pieces = new List<TemplatePiece>();
        foreach (var piece in JsonFields.Array(element, "single", where))
        {
            if (JsonFields.Optional(piece, "Sequence") is { } sequence)
            {
                if (JsonFields.String(sequence, "id", where) != "A")
                {
                    throw new TokenizerException($"{where}: the single template may only use sequence A.");
                }

                pieces.Add(TemplatePiece.Sequence);
            }
            else if (JsonFields.Optional(piece, "SpecialToken") is { } special)
            {
                var name = JsonFields.RequiredString(special, "id", where);
                var entry = specialTokens is { } map ? JsonFields.Optional(map, name) : null;
                var ids = entry is { } found
                    ? JsonFields.Array(found, "ids", where).Select(id => id.GetInt32()).ToList()
                    : throw new TokenizerException($"{where}: special token \"{name}\" is used by the template but missing from special_tokens.");
                pieces.Add(TemplatePiece.Special(ids));
            }
            else
            {
                throw new TokenizerException($"{where}: template pieces must be {{\"Sequence\": ...}} or {{\"SpecialToken\": ...}}.");
            }
        }

        return new TemplateProcessor(pieces);
    }

    // Bert/Roberta processors store [token, id] pairs.
    private static int TokenId(JsonElement element, string name, string where)
    {
        var pair = JsonFields.Required(element, name, where);
        return pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2
            ? pair[1].GetInt32()
            : throw new TokenizerException($"{where}: \"{name}\" must be [token, id].");
    }
}

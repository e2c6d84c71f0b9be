using System.Text.Json;
using System.Text.RegularExpressions;
using Granary.Api.Errors;
using Granary.Engine.Abstractions;

namespace Granary.Api.Validation;

/// <summary>
/// Reads the ways a client can constrain the output — OpenAI's response_format, vLLM's
/// structured_outputs, and vLLM's older guided_json / guided_regex / guided_choice — into one
/// <see cref="StructuredOutput"/>. At most one constraint may be given; what the engine cannot
/// enforce (grammars, whitespace patterns) is refused by name.
/// </summary>
internal static partial class StructuredOutputsReader
{
    public static StructuredOutput? Read(JsonObjectReader body)
    {
        // A backend hint: this server has one grammar backend, so any choice gets the same output.
        body.String("guided_decoding_backend");
        foreach (var field in new[] { "guided_grammar", "guided_whitespace_pattern" })
        {
            if (body.IsPresent(field))
            {
                throw RequestErrors.NotSupported(field, $"'{field}'");
            }
        }

        (string Param, StructuredOutput? Value)[] given =
        [
            ("response_format", ReadResponseFormat(body)),
            ("structured_outputs", ReadStructuredOutputs(body)),
            ("guided_json", body.Value("guided_json") is { } json ? Schema(json, "guided_json") : null),
            ("guided_regex", body.Value("guided_regex") is { } regex ? Pattern(regex, "guided_regex") : null),
            ("guided_choice", body.Value("guided_choice") is { } choice ? Choices(choice, "guided_choice") : null),
        ];
        var present = given.Where(g => g.Value is not null).ToArray();
        if (present.Length > 1)
        {
            throw RequestErrors.InvalidValue(present[1].Param,
                $"only one output constraint may be given, but both '{present[0].Param}' and '{present[1].Param}' are.");
        }

        return present.Length == 1 ? present[0].Value : null;
    }

    /// <summary>OpenAI's response_format: text (no constraint), json_object, or json_schema.</summary>
    private static StructuredOutput? ReadResponseFormat(JsonObjectReader body)
    {
        var format = body.Object("response_format");
        if (format is null)
        {
            return null;
        }

        var type = format.RequiredString("type");
        StructuredOutput? result;
        switch (type)
        {
            case "text":
                result = null;
                break;
            case "json_object":
                result = StructuredOutput.JsonObject;
                break;
            case "json_schema":
                var jsonSchema = format.Object("json_schema") ?? throw RequestErrors.Missing(format.ParamOf("json_schema"));
                var name = jsonSchema.RequiredString("name");
                if (!SchemaName().IsMatch(name))
                {
                    throw RequestErrors.InvalidValue(jsonSchema.ParamOf("name"),
                        $"'{name}'. Names may contain only a-z, A-Z, 0-9, underscores and dashes, at most 64 characters.");
                }

                jsonSchema.String("description");
                var schema = jsonSchema.Value("schema") ?? throw RequestErrors.Missing(jsonSchema.ParamOf("schema"));
                if (schema.ValueKind != JsonValueKind.Object)
                {
                    throw RequestErrors.InvalidType(jsonSchema.ParamOf("schema"), "an object", JsonKinds.Describe(schema));
                }

                result = new StructuredOutput { Kind = StructuredOutputKind.JsonSchema, Schema = schema.GetRawText(), Strict = jsonSchema.Boolean("strict") ?? false };
                jsonSchema.RejectUnread();
                break;
            default:
                throw RequestErrors.InvalidValue(format.ParamOf("type"),
                    $"'{type}'. Supported values are: 'text', 'json_object', and 'json_schema'.");
        }

        format.RejectUnread();
        return result;
    }

    /// <summary>vLLM's structured_outputs: exactly one of json, regex, choice or json_object.</summary>
    private static StructuredOutput? ReadStructuredOutputs(JsonObjectReader body)
    {
        var options = body.Object("structured_outputs");
        if (options is null)
        {
            return null;
        }

        foreach (var field in new[] { "grammar", "structural_tag", "whitespace_pattern", "disable_any_whitespace", "disable_additional_properties" })
        {
            if (options.IsPresent(field))
            {
                throw RequestErrors.NotSupported(options.ParamOf(field), $"'{options.ParamOf(field)}'");
            }
        }

        // This server never falls back to another backend, so asking it not to changes nothing.
        options.Boolean("disable_fallback");
        StructuredOutput?[] kinds =
        [
            options.Value("json") is { } json ? Schema(json, options.ParamOf("json")) : null,
            options.Value("regex") is { } regex ? Pattern(regex, options.ParamOf("regex")) : null,
            options.Value("choice") is { } choice ? Choices(choice, options.ParamOf("choice")) : null,
            options.Boolean("json_object") == true ? StructuredOutput.JsonObject : null,
        ];
        options.RejectUnread();
        var set = kinds.Where(k => k is not null).ToArray();
        return set.Length == 1
            ? set[0]
            : throw RequestErrors.InvalidValue("structured_outputs", "give exactly one of 'json', 'regex', 'choice' or 'json_object'.");
    }

    /// <summary>A JSON Schema, as an object or (as vLLM also takes it) JSON text of one.</summary>
    private static StructuredOutput Schema(JsonElement value, string param)
    {
        string text;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text = value.GetRawText();
                break;
            case JsonValueKind.String:
                try
                {
                    using var parsed = JsonDocument.Parse(value.GetString()!);
                    text = parsed.RootElement.ValueKind == JsonValueKind.Object
                        ? parsed.RootElement.GetRawText()
                        : throw RequestErrors.InvalidValue(param, "the schema must be a JSON object.");
                }
                catch (JsonException)
                {
                    throw RequestErrors.InvalidValue(param, "the schema text is not valid JSON.");
                }

                break;
            default:
                throw RequestErrors.InvalidType(param, "an object", JsonKinds.Describe(value));
        }

        return new StructuredOutput { Kind = StructuredOutputKind.JsonSchema, Schema = text };
    }

    private static StructuredOutput Pattern(JsonElement value, string param)
    {
        var pattern = JsonValues.String(value, param);
        return pattern.Length > 0
            ? new StructuredOutput { Kind = StructuredOutputKind.Regex, Pattern = pattern }
            : throw RequestErrors.InvalidValue(param, "the regular expression must not be empty.");
    }

    private static StructuredOutput Choices(JsonElement value, string param)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw RequestErrors.InvalidType(param, "an array of strings", JsonKinds.Describe(value));
        }

        var choices = JsonValues.StringOrStrings(value, param);
        return choices.Length > 0
            ? new StructuredOutput { Kind = StructuredOutputKind.Choice, Choices = choices }
            : throw RequestErrors.EmptyArray(param);
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex SchemaName();
}

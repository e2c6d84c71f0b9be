using Granary.Api.Errors;
using Granary.Api.Protocol;

namespace Granary.Api.Validation;

/// <summary>Fields both generation endpoints read the same way.</summary>
internal static class CommonFieldsReader
{
    // vLLM's guided decoding fields: parsed so that they are refused by name, never silently ignored.
    private static readonly string[] StructuredOutputFields =
    [
        "structured_outputs", "guided_json", "guided_regex", "guided_choice", "guided_grammar",
        "guided_decoding_backend", "guided_whitespace_pattern",
    ];

    public static string RequiredModel(JsonObjectReader body)
    {
        var model = body.RequiredString("model");
        return model.Length > 0 ? model : throw RequestErrors.Missing("model");
    }

    public static StreamOptions? ReadStreamOptions(JsonObjectReader body, bool stream)
    {
        var options = body.Object("stream_options");
        if (options is null)
        {
            return null;
        }

        if (!stream)
        {
            throw RequestErrors.InvalidValue("stream_options", "stream_options are only allowed when 'stream' is true.");
        }

        var result = new StreamOptions(
            options.Boolean("include_usage") ?? false,
            options.Boolean("continuous_usage_stats") ?? false);
        var unknown = options.Unread().FirstOrDefault();
        return unknown is null ? result : throw RequestErrors.Unrecognized(options.ParamOf(unknown));
    }

    /// <summary>Structured outputs come with a later release: refuse them with the param named.</summary>
    public static void RejectStructuredOutputs(JsonObjectReader body)
    {
        foreach (var field in StructuredOutputFields)
        {
            if (body.IsPresent(field))
            {
                throw RequestErrors.NotSupported(field, $"'{field}' (structured outputs)");
            }
        }

        var format = ToolFieldsReader.ReadResponseFormat(body);
        if (format is not null && format.Type != ResponseFormat.Text)
        {
            throw RequestErrors.NotSupported("response_format", $"response_format of type '{format.Type}'");
        }
    }

    /// <summary>
    /// OpenAI fields that only label or route a request on OpenAI's side (abuse monitoring, storage,
    /// billing tiers): accepted so that standard clients work, type-checked, and otherwise unused.
    /// </summary>
    public static void ReadLabels(JsonObjectReader body)
    {
        body.String("user");
        body.String("service_tier");
        body.String("prompt_cache_key");
        body.String("safety_identifier");
        body.Boolean("store");
        body.Object("metadata")?.Unread().ToList();
    }

    public static string? ReadSessionId(JsonObjectReader body) => body.String("session_id");
}

using Granary.Api.Errors;
using Granary.Api.Protocol;

namespace Granary.Api.Validation;

/// <summary>Fields both generation endpoints read the same way.</summary>
internal static class CommonFieldsReader
{
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

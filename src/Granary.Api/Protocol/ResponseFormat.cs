namespace Granary.Api.Protocol;

/// <summary>response_format: "text", "json_object", or "json_schema" with its schema (as JSON text).</summary>
internal sealed record ResponseFormat(string Type, string? SchemaName = null, string? SchemaJson = null, bool Strict = false)
{
    public const string Text = "text";
    public const string JsonObject = "json_object";
    public const string JsonSchema = "json_schema";
}

using System.Text.Json.Nodes;

namespace Granary.Api.OpenApi.Requests;

/// <summary><c>response_format</c>: text, json_object, or json_schema with its <c>json_schema</c> object (name, schema, strict).</summary>
internal sealed record ResponseFormatBody(string Type, JsonObject? JsonSchema);

using System.Text.Json.Nodes;
using NJsonSchema;

namespace Granary.Structured.Tests.Support;

/// <summary>
/// The independent judge: NJsonSchema (never our own code) validates generated documents.
/// NJsonSchema reads draft 4-7, so the 2020-12 keywords are restated in that dialect first:
/// const as a one-value enum, prefixItems / items as the tuple form of items / additionalItems,
/// $defs as definitions.
/// </summary>
internal static class SchemaValidator
{
    public static IReadOnlyList<string> Errors(string schemaJson, string documentJson)
    {
        var draft7 = ToDraft7(JsonNode.Parse(schemaJson))!.ToJsonString();
        var schema = JsonSchema.FromJsonAsync(draft7).GetAwaiter().GetResult();
        return schema.Validate(documentJson).Select(error => error.ToString()).ToList();
    }

    private static JsonNode? ToDraft7(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray([.. array.Select(ToDraft7)]);
            case JsonObject obj:
                var result = new JsonObject();
                var isSchema = obj.ContainsKey("type") || obj.ContainsKey("prefixItems") || obj.ContainsKey("const");
                foreach (var (key, value) in obj)
                {
                    if (isSchema && key == "const")
                    {
                        result["enum"] = new JsonArray(value?.DeepClone());
                    }
                    else if (isSchema && key == "prefixItems")
                    {
                        result["items"] = ToDraft7(value);
                        result["additionalItems"] = obj.TryGetPropertyValue("items", out var rest) ? ToDraft7(rest) : true;
                    }
                    else if (key == "$defs")
                    {
                        result["definitions"] = ToDraft7(value); // draft 7 resolves only #/definitions/...
                    }
                    else if (key == "$ref" && value?.GetValue<string>() is { } reference)
                    {
                        // 2020-12 applies $ref beside its siblings; draft 7 would ignore them (definitions too).
                        var target = new JsonObject { ["$ref"] = reference.Replace("#/$defs/", "#/definitions/", StringComparison.Ordinal) };
                        if (obj.Count == 1) result["$ref"] = target["$ref"]!.DeepClone();
                        else result["allOf"] = new JsonArray(target);
                    }
                    else if (!(isSchema && key == "items" && obj.ContainsKey("prefixItems")))
                    {
                        result[key] = key is "enum" or "const" or "default" or "examples" ? value?.DeepClone() : ToDraft7(value);
                    }
                }

                return result;
            default:
                return node?.DeepClone();
        }
    }
}

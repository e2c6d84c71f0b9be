using System.Text.Json;
using System.Text.Json.Nodes;

namespace Granary.Structured.Json;

/// <summary>
/// allOf folded into one schema when that is exact: disjoint keywords are combined, required
/// lists unite, types intersect, bounds take the tighter value, properties named twice become a
/// nested allOf. Anything else that differs (two patterns, additionalProperties next to other
/// elements' properties, ...) is refused rather than approximated.
/// </summary>
internal static class AllOfMerger
{
    private static readonly string[] Lower = ["minimum", "exclusiveMinimum", "minLength", "minItems"];
    private static readonly string[] Upper = ["maximum", "exclusiveMaximum", "maxLength", "maxItems"];

    public static JsonNode Merge(JsonObject schema, string pointer, SchemaReferences references)
    {
        if (schema["allOf"] is not JsonArray { Count: > 0 } elements)
        {
            throw SchemaKeywords.Invalid("allOf", pointer, "must be a non-empty array");
        }

        var parts = new List<JsonObject>();
        var own = new JsonObject();
        foreach (var (name, value) in schema)
        {
            if (name != "allOf" && !SchemaKeywords.Annotations.Contains(name))
            {
                own[name] = value?.DeepClone();
            }
        }

        parts.Add(own);
        for (var i = 0; i < elements.Count; i++)
        {
            var element = Flatten(elements[i], $"{pointer}/allOf/{i}", references, depth: 0);
            if (element is null)
            {
                return JsonValue.Create(false);
            }

            parts.Add(element);
        }

        CheckAdditionalProperties(parts, pointer);
        var merged = new JsonObject();
        foreach (var part in parts)
        {
            foreach (var (name, value) in part)
            {
                if (SchemaKeywords.Annotations.Contains(name))
                {
                    continue;
                }

                if (!merged.TryGetPropertyValue(name, out var existing))
                {
                    merged[name] = value?.DeepClone();
                    continue;
                }

                var combined = Combine(name, existing, value, pointer);
                if (combined is null)
                {
                    return JsonValue.Create(false); // contradictory: nothing satisfies both
                }

                merged[name] = combined;
            }
        }

        return merged;
    }

    /// <summary>An element as a plain object: booleans, $ref and nested allOf resolved. Null: the element is false.</summary>
    private static JsonObject? Flatten(JsonNode? element, string pointer, SchemaReferences references, int depth)
    {
        if (depth > 32)
        {
            throw new StructuredOutputException($"allOf at {SchemaKeywords.Pointer(pointer)} nests $ref too deeply to merge.", "allOf");
        }

        switch (element)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.True:
                return [];
            case JsonValue value when value.GetValueKind() == JsonValueKind.False:
                return null;
            case JsonObject obj:
                SchemaKeywords.Check(obj, pointer);
                if (obj["$ref"] is { } reference && reference.GetValueKind() == JsonValueKind.String)
                {
                    return Flatten(references.ResolveJson(reference.GetValue<string>(), pointer), pointer, references, depth + 1);
                }

                if (obj["allOf"] is not null)
                {
                    return Flatten(Merge(obj, pointer, references), pointer, references, depth + 1);
                }

                return obj;
            default:
                throw new StructuredOutputException($"The schema at {SchemaKeywords.Pointer(pointer)} must be an object or a boolean.");
        }
    }

    private static void CheckAdditionalProperties(List<JsonObject> parts, string pointer)
    {
        foreach (var part in parts.Where(p => p.ContainsKey("additionalProperties")))
        {
            var declared = (part["properties"] as JsonObject)?.Select(p => p.Key).ToHashSet() ?? [];
            var foreign = parts.Where(other => other != part)
                .SelectMany(other => (other["properties"] as JsonObject)?.Select(p => p.Key) ?? [])
                .FirstOrDefault(name => !declared.Contains(name));
            if (foreign is not null)
            {
                throw new StructuredOutputException(
                    $"allOf at {SchemaKeywords.Pointer(pointer)}: additionalProperties in one element and property '{foreign}' in another cannot be merged.", "allOf");
            }
        }
    }

    private static JsonNode? Combine(string name, JsonNode? left, JsonNode? right, string pointer)
    {
        if (JsonNode.DeepEquals(left, right))
        {
            return left;
        }

        switch (name)
        {
            case "required":
                return new JsonArray([.. ((left as JsonArray) ?? []).Concat((right as JsonArray) ?? []).Select(n => JsonLiteralWriter.Write(n)).Distinct()
                    .Select(text => JsonNode.Parse(text))]);
            case "properties" when left is JsonObject l && right is JsonObject r:
                var properties = (JsonObject)l.DeepClone();
                foreach (var (key, value) in r)
                {
                    properties[key] = properties.TryGetPropertyValue(key, out var mine)
                        ? new JsonObject { ["allOf"] = new JsonArray(mine?.DeepClone(), value?.DeepClone()) }
                        : value?.DeepClone();
                }

                return properties;
            case "type":
                var types = Types(left).Intersect(Types(right)).ToList();
                if (Types(left).Contains("number") && Types(right).Contains("integer") || Types(right).Contains("number") && Types(left).Contains("integer"))
                {
                    types.Add("integer");
                }

                return types.Count == 0 ? null : new JsonArray([.. types.Distinct().Select(t => (JsonNode)JsonValue.Create(t))]);
            case "enum" when left is JsonArray l && right is JsonArray r:
                var allowed = r.Select(JsonLiteralWriter.Write).ToHashSet();
                var common = l.Where(v => allowed.Contains(JsonLiteralWriter.Write(v))).Select(v => v?.DeepClone()).ToArray();
                return common.Length == 0 ? null : new JsonArray(common);
            case "const":
                return null; // two different consts
            case "items" or "additionalProperties" when left is not JsonArray && right is not JsonArray:
                return new JsonObject { ["allOf"] = new JsonArray(left?.DeepClone(), right?.DeepClone()) };
            case "exclusiveMinimum" or "exclusiveMaximum" when left?.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                break;
            default:
                var lowerIndex = Array.IndexOf(Lower, name);
                if (lowerIndex >= 0 || Array.IndexOf(Upper, name) >= 0)
                {
                    var a = ExactDecimal.Parse(left!.ToJsonString(), name);
                    var b = ExactDecimal.Parse(right!.ToJsonString(), name);
                    var pickLeft = lowerIndex >= 0 ? a.CompareTo(b) >= 0 : a.CompareTo(b) <= 0;
                    return (pickLeft ? left : right)?.DeepClone();
                }

                break;
        }

        throw new StructuredOutputException($"allOf at {SchemaKeywords.Pointer(pointer)}: two different '{name}' cannot be merged.", name);
    }

    private static IEnumerable<string> Types(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(t => t?.GetValue<string>() ?? ""),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };
}

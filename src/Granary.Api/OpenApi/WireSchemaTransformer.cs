using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Granary.Api.OpenApi;

/// <summary>
/// Makes the generated schemas say what goes over the wire: snake_case names, as
/// <see cref="Protocol.ApiJson"/> writes them (the generator only knows the host's camelCase options,
/// which other endpoints of the composing server may rely on), numbers that are only numbers, and the
/// <see cref="OneOfAttribute"/> unions. Works on each object schema, where the CLR properties are known.
/// </summary>
internal sealed class WireSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Properties is not { Count: > 0 } properties)
        {
            return;
        }

        var clr = context.JsonTypeInfo.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, property) in properties.ToList())
        {
            var described = property;
            if (clr.TryGetValue(name, out var info)
                && info.AttributeProvider?.GetCustomAttributes(typeof(OneOfAttribute), false) is [OneOfAttribute oneOf, ..])
            {
                var union = new OpenApiSchema { OneOf = [] };
                foreach (var alternative in oneOf.Alternatives)
                {
                    union.OneOf.Add(await DescribeAsync(alternative, context, cancellationToken));
                }

                described = union;
            }

            StrictNumbers(described);
            properties.Remove(name);
            properties[JsonNamingPolicy.SnakeCaseLower.ConvertName(name)] = described;
        }

        if (schema.Required is { Count: > 0 } required)
        {
            var names = required.Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToList();
            required.Clear();
            foreach (var name in names) required.Add(name);
        }
    }

    /// <summary>The host's web defaults read numbers from strings too; ApiJson and the readers do not.</summary>
    private static void StrictNumbers(IOpenApiSchema property)
    {
        if (property is not OpenApiSchema schema)
        {
            return;
        }

        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (schema.Items is { } items) StrictNumbers(items);
        if (schema.AdditionalProperties is { } values) StrictNumbers(values);
        foreach (var alternative in schema.OneOf ?? []) StrictNumbers(alternative);
    }

    /// <summary>The few shapes the unions use: strings, integers, free objects, wire records and arrays of them.</summary>
    private static async Task<IOpenApiSchema> DescribeAsync(Type type, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (type == typeof(string)) return new OpenApiSchema { Type = JsonSchemaType.String };
        if (type == typeof(int)) return new OpenApiSchema { Type = JsonSchemaType.Integer };
        if (type == typeof(JsonObject)) return new OpenApiSchema { Type = JsonSchemaType.Object };
        if (type.IsArray) return new OpenApiSchema { Type = JsonSchemaType.Array, Items = await DescribeAsync(type.GetElementType()!, context, ct) };
        return await context.GetOrCreateSchemaAsync(type, null, ct);
    }
}

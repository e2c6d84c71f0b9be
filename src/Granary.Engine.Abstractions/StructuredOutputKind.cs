namespace Granary.Engine.Abstractions;

public enum StructuredOutputKind
{
    /// <summary>Any valid JSON object (response_format json_object).</summary>
    JsonObject,

    JsonSchema,

    Regex,

    Choice,
}

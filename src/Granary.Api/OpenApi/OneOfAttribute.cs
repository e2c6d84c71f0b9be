namespace Granary.Api.OpenApi;

/// <summary>
/// A request field the readers accept in several JSON shapes (a prompt as a string or an array):
/// each type is one alternative of the field's <c>oneOf</c> in /openapi.json.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class OneOfAttribute(params Type[] alternatives) : Attribute
{
    public IReadOnlyList<Type> Alternatives { get; } = alternatives;
}

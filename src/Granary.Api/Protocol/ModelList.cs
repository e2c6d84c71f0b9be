namespace Granary.Api.Protocol;

/// <summary>GET /v1/models.</summary>
internal sealed record ModelList(IReadOnlyList<ModelObject> Data)
{
    public string Object => "list";
}

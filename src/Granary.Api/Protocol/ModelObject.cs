using Granary.Engine.Abstractions;

namespace Granary.Api.Protocol;

/// <summary>A served model as /v1/models lists it (OpenAI's fields plus vLLM's root and max_model_len).</summary>
internal sealed record ModelObject
{
    public required string Id { get; init; }
    public string Object => "model";
    public required long Created { get; init; }
    public required string OwnedBy { get; init; }
    public required string Root { get; init; }
    public string? Parent => null;
    public required int MaxModelLen { get; init; }
    public IReadOnlyList<string> Permission => [];

    public static ModelObject From(ModelCard card) => new()
    {
        Id = card.Id,
        Created = card.Created,
        OwnedBy = card.OwnedBy,
        Root = card.Root.Length > 0 ? card.Root : card.Id,
        MaxModelLen = card.MaxModelLength,
    };
}

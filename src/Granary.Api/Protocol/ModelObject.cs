using System.Text.Json.Serialization;
using Granary.Engine.Abstractions;

namespace Granary.Api.Protocol;

/// <summary>A served model as /v1/models lists it (OpenAI's fields, vLLM's root and max_model_len, and the cluster's replicas and state).</summary>
internal sealed record ModelObject
{
    public required string Id { get; init; }
    public string Object => "model";
    public required long Created { get; init; }
    public required string OwnedBy { get; init; }
    public required string Root { get; init; }
    public string? Parent => null;
    /// <summary>Null while no replica has reported the model's context window yet (it is still loading).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxModelLen { get; init; }

    public IReadOnlyList<string> Permission => [];

    /// <summary>Live replicas that take requests, when served by a cluster.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Replicas { get; init; }

    /// <summary>ready | loading | draining | unavailable, when served by a cluster.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? State { get; init; }

    public static ModelObject From(ModelCard card) => new()
    {
        Id = card.Id,
        Created = card.Created,
        OwnedBy = card.OwnedBy,
        Root = card.Root.Length > 0 ? card.Root : card.Id,
        MaxModelLen = card.MaxModelLength > 0 ? card.MaxModelLength : null,
        Replicas = card.Replicas,
        State = card.State,
    };
}

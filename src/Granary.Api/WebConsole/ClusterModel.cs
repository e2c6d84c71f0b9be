using Granary.Engine.Abstractions;

namespace Granary.Api.WebConsole;

/// <summary>A model of the cluster view: its state (<see cref="ModelStates"/>) and how many replicas take requests.</summary>
internal sealed record ClusterModel(string Id, string State, int Replicas, int MaxModelLen)
{
    public static ClusterModel From(ModelCard card) =>
        new(card.Id, card.State ?? ModelStates.Unavailable, card.Replicas ?? 0, card.MaxModelLength);
}

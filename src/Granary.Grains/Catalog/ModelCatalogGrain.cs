using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Placement;

namespace Granary.Grains.Catalog;

/// <summary>Every model any replica ever served in this cluster, as routers report them.</summary>
[ControlPlanePlacementFilter]
internal sealed class ModelCatalogGrain : Grain, IModelCatalogGrain
{
    private readonly Dictionary<string, ModelCard> _models = new(StringComparer.Ordinal);

    public Task Register(ModelCard card)
    {
        _models.TryAdd(card.Id, card);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ModelCard>> List() =>
        Task.FromResult<IReadOnlyList<ModelCard>>(_models.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray());
}

using Granary.Engine.Abstractions;

namespace Granary.Grains.Abstractions;

/// <summary>The cluster's served models (a single activation, key 0), fed by replica heartbeats through routers.</summary>
[Alias("granary.IModelCatalogGrain")]
public interface IModelCatalogGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(ModelCard card);

    [Alias("List")]
    Task<IReadOnlyList<ModelCard>> List();
}

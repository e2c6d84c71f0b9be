using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Granary.Grains.Tests.Routing;

/// <summary>Silos that publish no metadata: no worker is configured for any model.</summary>
internal sealed class EmptyMetadata : ISiloMetadataCache
{
    public SiloMetadata GetSiloMetadata(SiloAddress siloAddress) => SiloMetadata.Empty;
}

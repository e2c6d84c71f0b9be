namespace Granary.Grains.Placement;

/// <summary>The silo metadata Granary publishes (Orleans UseSiloMetadata).</summary>
public static class SiloMetadataKeys
{
    /// <summary>Comma-separated names of the models whose engines this silo runs; absent on gateway-only silos.</summary>
    public const string Models = "granary.models";

    /// <summary>all | gateway | worker.</summary>
    public const string Role = "granary.role";
}

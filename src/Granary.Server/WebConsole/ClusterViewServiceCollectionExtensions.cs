using Granary.Api.WebConsole;

namespace Granary.Server.WebConsole;

/// <summary>Registers the console's <see cref="IClusterView"/> over this silo's membership and routing table.</summary>
internal static class ClusterViewServiceCollectionExtensions
{
    public static IServiceCollection AddOrleansClusterView(this IServiceCollection services) =>
        services.AddSingleton<IClusterView, OrleansClusterView>();
}

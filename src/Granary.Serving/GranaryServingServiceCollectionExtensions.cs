using Granary.Serving.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Granary.Serving;

/// <summary>Registers what the HTTP and gRPC front ends share; each front end's Add method calls it.</summary>
public static class GranaryServingServiceCollectionExtensions
{
    /// <summary>One <see cref="ApiKeyPolicy"/> per process, so a key's limits are shared by its HTTP and gRPC calls.</summary>
    public static IServiceCollection AddGranaryServing(this IServiceCollection services, Action<ServingOptions>? configure = null)
    {
        var options = services.AddOptions<ServingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiKeyPolicy>();
        return services;
    }
}

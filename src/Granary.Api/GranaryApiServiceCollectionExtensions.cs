using Granary.Api.Authentication;
using Granary.Api.Errors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Granary.Api;

/// <summary>Registers the HTTP front end; the composing server registers its <see cref="IInferenceClient"/>.</summary>
public static class GranaryApiServiceCollectionExtensions
{
    public static IServiceCollection AddGranaryApi(this IServiceCollection services, Action<GranaryApiOptions>? configure = null)
    {
        var options = services.AddOptions<GranaryApiOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ErrorHandlingFilter>();
        services.TryAddSingleton<ApiKeyPolicy>();
        services.TryAddSingleton<ApiKeyFilter>();
        services.TryAddSingleton<Images.ImageUrlFetcher>();
        return services;
    }
}

using Granary.Api.Authentication;
using Granary.Api.Errors;
using Granary.Api.OpenApi;
using Granary.Api.WebConsole;
using Granary.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Granary.Api;

/// <summary>Registers the HTTP front end; the composing server registers its <see cref="IInferenceClient"/>.</summary>
public static class GranaryApiServiceCollectionExtensions
{
    /// <param name="configure">The API keys, shared with the gRPC front end (see <see cref="GranaryServingServiceCollectionExtensions.AddGranaryServing"/>).</param>
    public static IServiceCollection AddGranaryApi(this IServiceCollection services, Action<ServingOptions>? configure = null)
    {
        services.AddGranaryServing(configure);
        services.TryAddSingleton<ErrorHandlingFilter>();
        services.TryAddSingleton<ApiKeyFilter>();
        services.TryAddSingleton<RecentRequests>();
        services.TryAddSingleton<RecentRequestsFilter>();
        services.AddOpenApi(GranaryOpenApi.DocumentName, GranaryOpenApi.Configure);
        services.AddOptions<Images.ImageUrlOptions>();
        services.TryAddSingleton<Images.ImageUrlFetcher>();
        return services;
    }
}

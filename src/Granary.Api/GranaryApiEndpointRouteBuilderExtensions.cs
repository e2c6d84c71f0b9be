using Granary.Api.Authentication;
using Granary.Api.Endpoints;
using Granary.Api.Errors;
using Granary.Api.OpenApi;
using Granary.Api.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Granary.Api;

/// <summary>Maps the OpenAI/NIM/vLLM routes; see <see cref="GranaryApiServiceCollectionExtensions.AddGranaryApi"/> for the services they need.</summary>
public static class GranaryApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the API, plus a fallback that answers unknown URLs with an OpenAI-style 404 (the composing
    /// server's own endpoints still win over it).
    /// </summary>
    public static IEndpointRouteBuilder MapGranaryApi(this IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapGroup("").AddEndpointFilter(Resolve<ErrorHandlingFilter>);
        HealthEndpoints.Map(open);
        VersionEndpoints.MapOpen(open);

        var keyed = endpoints.MapGroup("")
            .AddEndpointFilter(Resolve<ErrorHandlingFilter>)
            .AddEndpointFilter(Resolve<ApiKeyFilter>);
        ModelsEndpoints.Map(keyed);
        // Generation requests are logged for the console once their response is complete.
        var generation = keyed.MapGroup("").AddEndpointFilter(Resolve<RecentRequestsFilter>);
        CompletionsEndpoint.Map(generation);
        ChatCompletionsEndpoint.Map(generation);
        TokenizerEndpoints.Map(keyed);
        VersionEndpoints.MapKeyed(keyed);

        // Open, like the health probes: it describes the API, it serves nothing.
        endpoints.MapOpenApi(ApiRoutes.OpenApi);
        FallbackEndpoints.Map(endpoints);
        return endpoints;
    }

    internal static ValueTask<object?> Resolve<TFilter>(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        where TFilter : IEndpointFilter =>
        context.HttpContext.RequestServices.GetRequiredService<TFilter>().InvokeAsync(context, next);
}

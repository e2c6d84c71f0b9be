using Granary.Api.Authentication;
using Granary.Api.Errors;
using Granary.Api.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Granary.Api;

/// <summary>Maps the web console: its page at / and its data at GET /v1/cluster; the host registers an <see cref="IClusterView"/>.</summary>
public static class GranaryConsoleEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapGranaryConsole(this IEndpointRouteBuilder endpoints)
    {
        ConsoleFiles.Map(endpoints);
        var keyed = endpoints.MapGroup("")
            .AddEndpointFilter(GranaryApiEndpointRouteBuilderExtensions.Resolve<ErrorHandlingFilter>)
            .AddEndpointFilter(GranaryApiEndpointRouteBuilderExtensions.Resolve<ApiKeyFilter>);
        ClusterEndpoint.Map(keyed);
        return endpoints;
    }
}

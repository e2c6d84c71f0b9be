using Granary.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Granary.Api.OpenApi;

/// <summary>Declares, for /openapi.json, the error statuses an endpoint answers, all with the OpenAI envelope.</summary>
internal static class ErrorResponses
{
    /// <summary>What every keyed endpoint can answer besides its own: no or a wrong key, a limit, an unreadable body.</summary>
    public static readonly int[] Keyed = [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests];

    /// <summary>What a request that names a model and reaches the cluster can also answer.</summary>
    public static readonly int[] Generation =
    [
        .. Keyed, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable,
    ];

    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ErrorEnvelope), ["application/json"]));
        }

        return builder;
    }
}

using Granary.Engine.Abstractions;
using Granary.Serving;
using Granary.Serving.Requests;
using Microsoft.AspNetCore.Http;

namespace Granary.Api.Errors;

/// <summary>Decides the status and OpenAI error body for any exception a request ends with.</summary>
internal static class ExceptionMapper
{
    public const string InternalErrorMessage = "The server had an error while processing your request. Sorry about that!";

    public static (int Status, ErrorBody Body) Map(Exception exception) => exception switch
    {
        ApiException api => (api.StatusCode, api.ToBody()),
        InvalidRequestException invalid => (StatusCodes.Status400BadRequest,
            new ErrorBody(invalid.Message, ErrorTypes.InvalidRequest, invalid.Field, invalid.Code)),
        EngineRequestException engine => (StatusCodes.Status400BadRequest,
            new ErrorBody(engine.Message, ErrorTypes.InvalidRequest, engine.Param, engine.Code)),
        ModelNotFoundException missing => (StatusCodes.Status404NotFound,
            new ErrorBody(missing.Message, ErrorTypes.InvalidRequest, "model", "model_not_found")),
        ServiceUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable,
            new ErrorBody(unavailable.Message, ErrorTypes.ServiceUnavailable, null, unavailable.Code)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge => (tooLarge.StatusCode,
            new ErrorBody(tooLarge.Message, ErrorTypes.InvalidRequest, null, "request_too_large")),
        BadHttpRequestException bad => (bad.StatusCode,
            new ErrorBody(bad.Message, ErrorTypes.InvalidRequest, null, null)),
        _ => (StatusCodes.Status500InternalServerError,
            new ErrorBody(InternalErrorMessage, ErrorTypes.InternalServer, null, null)),
    };

    /// <summary>
    /// Whether the failure is the server's own (logged as an error, with its stack) rather than the
    /// client's or a transient 503, whose cause the cluster layer has already logged in one line.
    /// </summary>
    public static bool IsServerFault(Exception exception) =>
        Map(exception).Status is >= StatusCodes.Status500InternalServerError and not StatusCodes.Status503ServiceUnavailable;
}

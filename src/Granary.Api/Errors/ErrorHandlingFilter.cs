using Granary.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Granary.Api.Errors;

/// <summary>
/// Turns whatever an endpoint throws into the OpenAI error envelope, so that no request ever gets an
/// HTML page, a problem-details body or a dropped connection.
/// </summary>
internal sealed partial class ErrorHandlingFilter(ILogger<ErrorHandlingFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected: there is nobody to answer.
            return Results.Empty;
        }
        catch (Exception ex)
        {
            var (status, body) = ExceptionMapper.Map(ex);
            if (ExceptionMapper.IsServerFault(ex))
            {
                Unexpected(logger, ex, http.Request.Method, http.Request.Path);
            }

            // A stream that already started reports its own failures; nothing more can be sent here.
            if (http.Response.HasStarted) return Results.Empty;
            if (ex is ServiceUnavailableException unavailable) http.Response.Headers.RetryAfter = unavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new ErrorResult(status, body);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Method} {Path}")]
    private static partial void Unexpected(ILogger logger, Exception exception, string method, string path);
}

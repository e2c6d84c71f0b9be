using Granary.Api.Protocol;
using Microsoft.AspNetCore.Http;

namespace Granary.Api.Errors;

/// <summary>Writes the OpenAI error envelope with its status.</summary>
internal sealed class ErrorResult(int statusCode, ErrorBody error) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await httpContext.Response.Body.WriteAsync(ApiJson.Serialize(new ErrorEnvelope(error)));
    }
}

using Microsoft.AspNetCore.Http;

namespace Granary.Api.Errors;

/// <summary>A request the API refuses, carrying the exact status and OpenAI error fields to answer with.</summary>
internal sealed class ApiException(int statusCode, string message, string? param = null, string? code = null, string type = ErrorTypes.InvalidRequest)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string? Param { get; } = param;
    public string? Code { get; } = code;
    public string Type { get; } = type;

    public ErrorBody ToBody() => new(Message, Type, Param, Code);

    public static ApiException BadRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, message, param, code);
}
